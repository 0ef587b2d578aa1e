namespace MockExams.HubSpot;

/// <summary>The shared HubSpot budget as operators see it (the sync dashboard). Stateless: any silo answers from Redis.</summary>
[Alias("mockexams.IHubSpotBudgetGrain")]
public interface IHubSpotBudgetGrain : IGrainWithIntegerKey
{
    Task<HubSpotBudgetStatus> GetStatusAsync(CancellationToken cancellationToken = default);
}
