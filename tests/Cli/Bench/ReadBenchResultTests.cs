using MockExams.Cli.Bench;

namespace MockExams.Tests.Cli.Bench;

/// <summary>How <c>mockexams readbench</c> reads its paced runs against the p99 goal.</summary>
public sealed class ReadBenchResultTests
{
    [Fact]
    public void HighestRateMeetingGoal_RatesClimbUntilOneMisses_IsTheLastRateBeforeTheMiss()
    {
        IReadOnlyList<PacedLatency> runs = [Run(4000, 7.5), Run(500, 1.2), Run(2000, 4.9), Run(8000, 3.0)];

        // Given out of order: read in rate order, and the lucky 8000 after the miss at 4000 does not count.
        Assert.Equal(2000, ReadBenchResult.HighestRateMeetingGoal(runs, run => run.CachedP99Ms));
    }

    [Fact]
    public void HighestRateMeetingGoal_TheLowestRateMissesOrFails_IsNull()
    {
        Assert.Null(ReadBenchResult.HighestRateMeetingGoal([Run(500, 5.01), Run(1000, 2)], run => run.CachedP99Ms));
        Assert.Null(ReadBenchResult.HighestRateMeetingGoal([Run(500, 1, errors: 1)], run => run.CachedP99Ms));
        Assert.Null(ReadBenchResult.HighestRateMeetingGoal([Run(500, double.NaN)], run => run.CachedP99Ms));
        Assert.Null(ReadBenchResult.HighestRateMeetingGoal([], run => run.CachedP99Ms));
    }

    [Fact]
    public void GoalRates_CachedAndStatic_AreReadFromTheirOwnLatencies()
    {
        var result = Result([new PacedLatency(500, 1, 3, 1, 2, 0, 500, 500), new PacedLatency(2000, 2, 6, 1.5, 4, 0, 1990, 2000)]);

        Assert.Equal(500, result.CachedP99GoalRate);
        Assert.Equal(2000, result.StaticP99GoalRate);
    }

    private static PacedLatency Run(double rate, double cachedP99, long errors = 0) => new(rate, 1, cachedP99, 1, 1, errors, rate, rate);

    private static ReadBenchResult Result(IReadOnlyList<PacedLatency> paced) => new(
        0.8, 800, 1000, 8, 20, 6, 25, 0, 0, 64, 20, 30_424, "readbench-50", "/api/mock-exams/readbench-50/bookings", paced, null);
}
