using System.Text.Json.Serialization;

namespace MockExams.Cli.Budget;

/// <summary>What one lane of one worker process got from the governor and from HubSpot.</summary>
/// <param name="Lane">user_write, sync or backfill.</param>
/// <param name="Calls">10-second-budget calls the governor granted in the measured time (each was sent).</param>
/// <param name="Searches">Searches the governor granted in the measured time.</param>
/// <param name="WaitsMs">How long each of those 10-second-budget calls waited for budget, in ms.</param>
/// <param name="Refused">Calls refused as over budget (their lane's deadline would have passed).</param>
/// <param name="RateLimited">Calls that ended in HubSpot's 429 after the governor's own retry.</param>
/// <param name="Failed">Calls that failed otherwise.</param>
public sealed record LaneCounts(
    [property: JsonPropertyName("lane")] string Lane,
    [property: JsonPropertyName("calls")] long Calls,
    [property: JsonPropertyName("searches")] long Searches,
    [property: JsonPropertyName("waits_ms")] IReadOnlyList<double> WaitsMs,
    [property: JsonPropertyName("refused")] long Refused,
    [property: JsonPropertyName("rate_limited")] long RateLimited,
    [property: JsonPropertyName("failed")] long Failed);
