using System.Text.Json.Serialization;

namespace MockExams.Cli.Chaos;

/// <summary>What a chaos run did and found; <c>--json</c> writes it as is.</summary>
public sealed record ChaosReport
{
    [JsonPropertyName("seed")] public int Seed { get; init; }
    [JsonPropertyName("duration_seconds")] public double DurationSeconds { get; init; }
    [JsonPropertyName("silos")] public int Silos { get; init; }
    [JsonPropertyName("apis")] public int Apis { get; init; }
    [JsonPropertyName("faults")] public IReadOnlyList<ChaosFaultRecord> Faults { get; init; } = [];
    [JsonPropertyName("self_exits")] public IReadOnlyList<string> SelfExits { get; init; } = [];
    [JsonPropertyName("requests_by_kind")] public IReadOnlyDictionary<string, int> RequestsByKind { get; init; } = new Dictionary<string, int>();
    [JsonPropertyName("answers_by_status")] public IReadOnlyDictionary<string, int> AnswersByStatus { get; init; } = new Dictionary<string, int>();
    [JsonPropertyName("booked")] public int Booked { get; init; }
    [JsonPropertyName("retry_later_503")] public int RetryLater { get; init; }
    [JsonPropertyName("write_p99_ms")] public double WriteP99Ms { get; init; }
    [JsonPropertyName("hubspot_calls")] public long HubSpotCalls { get; init; }
    [JsonPropertyName("hubspot_429")] public long HubSpot429 { get; init; }
    [JsonPropertyName("converged_seconds_after_last_fault")] public double? ConvergedSecondsAfterLastFault { get; init; }
    [JsonPropertyName("checks")] public IReadOnlyList<ChaosCheck> Checks { get; init; } = [];
    [JsonPropertyName("violations")] public IReadOnlyList<string> Violations { get; init; } = [];
}

/// <summary>A fault as injected: kind, when it began and ended (seconds from the workload's start).</summary>
public sealed record ChaosFaultRecord(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("at_seconds")] double AtSeconds,
    [property: JsonPropertyName("ended_seconds")] double EndedSeconds,
    [property: JsonPropertyName("detail")] string Detail);

/// <summary>One invariant and how many violations of it were found.</summary>
public sealed record ChaosCheck(
    [property: JsonPropertyName("check")] string Name,
    [property: JsonPropertyName("checked")] int Checked,
    [property: JsonPropertyName("violations")] int Violations);
