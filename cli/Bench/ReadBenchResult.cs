using System.Text.Json.Serialization;

namespace MockExams.Cli.Bench;

/// <summary>The figures of one <c>readbench</c> run, as written by <c>--json</c>.</summary>
public sealed record ReadBenchResult(
    [property: JsonPropertyName("ratio")] double Ratio,
    [property: JsonPropertyName("cached_rps")] double CachedRps,
    [property: JsonPropertyName("static_rps")] double StaticRps,
    [property: JsonPropertyName("p50_ms")] double P50Ms,
    [property: JsonPropertyName("p99_ms")] double P99Ms,
    [property: JsonPropertyName("static_p50_ms")] double StaticP50Ms,
    [property: JsonPropertyName("static_p99_ms")] double StaticP99Ms,
    [property: JsonPropertyName("hubspot_calls")] long? HubSpotCalls,
    [property: JsonPropertyName("errors")] long Errors,
    [property: JsonPropertyName("connections")] int Connections,
    [property: JsonPropertyName("duration_s")] double DurationSeconds,
    [property: JsonPropertyName("body_bytes")] int BodyBytes,
    [property: JsonPropertyName("exam_id")] string ExamId,
    [property: JsonPropertyName("cached_path")] string CachedPath,
    [property: JsonPropertyName("paced")] PacedLatency? Paced,
    [property: JsonPropertyName("hubspot_calls_by_endpoint")] IReadOnlyDictionary<string, long>? HubSpotCallsByEndpoint)
{
    public const double RatioGoal = 0.55;
    public const double P99GoalMs = 5;
}

/// <summary>Latencies with both targets paced to the same request rate (<c>--rate</c>), from each request's scheduled time.</summary>
public sealed record PacedLatency(
    [property: JsonPropertyName("rate")] double Rate,
    [property: JsonPropertyName("cached_p50_ms")] double CachedP50Ms,
    [property: JsonPropertyName("cached_p99_ms")] double CachedP99Ms,
    [property: JsonPropertyName("static_p50_ms")] double StaticP50Ms,
    [property: JsonPropertyName("static_p99_ms")] double StaticP99Ms,
    [property: JsonPropertyName("errors")] long Errors);
