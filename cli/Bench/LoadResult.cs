namespace MockExams.Cli.Bench;

/// <summary>What one target answered during the measured rounds: request count, failures, time, latencies.</summary>
public sealed record LoadResult(long Requests, long Errors, TimeSpan Elapsed, long[] SortedLatencyTicks)
{
    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;

    public double PercentileMilliseconds(double percentile)
    {
        if (SortedLatencyTicks is [])
        {
            return double.NaN;
        }

        var index = (int)Math.Ceiling(percentile / 100 * SortedLatencyTicks.Length) - 1;
        return SortedLatencyTicks[Math.Clamp(index, 0, SortedLatencyTicks.Length - 1)] * 1000.0 / System.Diagnostics.Stopwatch.Frequency;
    }

    public static LoadResult Combine(IReadOnlyList<LoadResult> rounds)
    {
        var latencies = rounds.SelectMany(round => round.SortedLatencyTicks).ToArray();
        Array.Sort(latencies);
        return new LoadResult(
            rounds.Sum(round => round.Requests), rounds.Sum(round => round.Errors),
            TimeSpan.FromTicks(rounds.Sum(round => round.Elapsed.Ticks)), latencies);
    }
}
