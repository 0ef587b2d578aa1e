namespace MockExams.Grains.HubSpot;

/// <summary>
/// How many processes may be spending this HubSpot token besides this one, as far as this process knows. While
/// Redis is unreachable each process spends only its share of the budget (<see cref="RedisHubSpotBudget"/>).
/// </summary>
public interface IHubSpotBudgetPeers
{
    /// <summary>Processes known to share the budget, this one included; null when this process cannot tell.</summary>
    int? KnownSpenders { get; }
}
