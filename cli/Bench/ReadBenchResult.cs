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
    [property: JsonPropertyName("paced")] IReadOnlyList<PacedLatency> Paced,
    [property: JsonPropertyName("hubspot_calls_by_endpoint")] IReadOnlyDictionary<string, long>? HubSpotCallsByEndpoint)
{
    public const double RatioGoal = 0.55;
    public const double P99GoalMs = 5;

    /// <summary>The highest paced rate up to which every paced run of the cached read met the p99 goal; null if none did.</summary>
    [JsonPropertyName("cached_p99_goal_rate")]
    public double? CachedP99GoalRate => HighestRateMeetingGoal(Paced, run => run.CachedP99Ms);

    /// <summary>The same for the static endpoint: what the machine allows at all.</summary>
    [JsonPropertyName("static_p99_goal_rate")]
    public double? StaticP99GoalRate => HighestRateMeetingGoal(Paced, run => run.StaticP99Ms);

    [JsonIgnore]
    public long AllErrors => Errors + Paced.Sum(run => run.Errors);

    /// <summary>Rates in ascending order; the first run over the goal ends the climb (a later lucky run does not count).</summary>
    public static double? HighestRateMeetingGoal(IEnumerable<PacedLatency> runs, Func<PacedLatency, double> p99Ms)
    {
        double? highest = null;
        foreach (var run in runs.OrderBy(run => run.Rate))
        {
            if (!(p99Ms(run) <= P99GoalMs) || run.Errors > 0)
            {
                break;
            }

            highest = run.Rate;
        }

        return highest;
    }
}

/// <summary>
/// Latencies with both targets paced to the same request rate (<c>--rate</c>), counted as <see cref="LoadRun"/> says,
/// and the rates each was actually sent at.
/// </summary>
public sealed record PacedLatency(
    [property: JsonPropertyName("rate")] double Rate,
    [property: JsonPropertyName("cached_p50_ms")] double CachedP50Ms,
    [property: JsonPropertyName("cached_p99_ms")] double CachedP99Ms,
    [property: JsonPropertyName("static_p50_ms")] double StaticP50Ms,
    [property: JsonPropertyName("static_p99_ms")] double StaticP99Ms,
    [property: JsonPropertyName("errors")] long Errors,
    [property: JsonPropertyName("cached_rps")] double CachedRps,
    [property: JsonPropertyName("static_rps")] double StaticRps);
