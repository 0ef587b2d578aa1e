using System.Text.Json.Serialization;

namespace MockExams.Cli.Budget;

/// <summary>One lane's part of a <c>budgetbench</c> run, summed over the worker processes.</summary>
public sealed record LaneFigures(
    [property: JsonPropertyName("lane")] string Lane,
    [property: JsonPropertyName("calls")] long Calls,
    [property: JsonPropertyName("calls_per_s")] double CallsPerSecond,
    [property: JsonPropertyName("share")] double Share,
    [property: JsonPropertyName("searches")] long Searches,
    [property: JsonPropertyName("wait_p50_ms")] double WaitP50Ms,
    [property: JsonPropertyName("wait_p99_ms")] double WaitP99Ms,
    [property: JsonPropertyName("refused")] long Refused,
    [property: JsonPropertyName("rate_limited")] long RateLimited,
    [property: JsonPropertyName("failed")] long Failed);
