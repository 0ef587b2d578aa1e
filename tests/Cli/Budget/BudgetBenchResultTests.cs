using MockExams.Cli.Budget;
using MockExams.Grains.HubSpot;

namespace MockExams.Tests.Cli.Budget;

/// <summary>The figures of <c>mockexams budgetbench</c>: what its ratios are measured against, and which runs it refuses.</summary>
public sealed class BudgetBenchResultTests
{
    private static readonly BudgetBenchSettings Settings = new(
        new Uri("http://127.0.0.1:5090"), 100, TimeSpan.FromSeconds(60), 2, 8, 0, 1, 2, null);

    [Fact]
    public void From_QueuedRunAtTheDefaultBudget_MeasuresHubSpotsCountAgainstLimitTimesHeadroom()
    {
        var before = new SandboxCounts(10, 2, new Dictionary<string, long> { ["SECONDLY"] = 1 }, 0);
        var after = new SandboxCounts(532, 209, new Dictionary<string, long> { ["SECONDLY"] = 1, ["TEN_SECONDLY_ROLLING"] = 2 }, 80);
        IReadOnlyList<WindowSample> windows = [new(5, 40), new(10, 86), new(30, 88), new(60, 87), new(61, 99)];
        IReadOnlyList<IReadOnlyList<LaneCounts>> workers =
        [
            [new LaneCounts("user_write", 30, 0, [1, 2, 3], 0, 0, 0), new LaneCounts("backfill", 230, 100, [100, 200], 0, 0, 1)],
            [new LaneCounts("backfill", 260, 107, [300], 0, 1, 0)],
        ];

        var result = BudgetBenchResult.From(Settings, new HubSpotOptions(), 150, before, after, windows, workers, DateTimeOffset.UnixEpoch);

        Assert.Equal(90, result.BudgetPerTenSeconds, 9);
        Assert.Equal(3 + 8.7 * 60, result.BucketBoundCalls, 9);
        Assert.Equal(522, result.HubSpotCalls);
        Assert.Equal(8.7, result.HubSpotCallsPerSecond, 9);
        Assert.Equal(8.7 / 9, result.Utilisation, 9);
        Assert.Equal(522 / 525.0, result.RatioToBucketBound, 9);
        Assert.Equal(0.87, result.RatioToHubSpotLimit, 9);
        Assert.Equal(520, result.ClientCalls);
        Assert.Equal([260, 260], result.ClientCallsByProcess);
        Assert.Equal(207, result.Searches);
        Assert.Equal(207, result.ClientSearches);
        Assert.Equal(3.45 / 4.5, result.SearchUtilisation, 9);
        Assert.Equal(207 / 211.0, result.SearchRatioToBucketBound, 9);
        Assert.Equal(3.45 / 5, result.SearchRatioToHubSpotLimit, 9);
        Assert.Equal(2, result.Http429);
        Assert.Equal(new Dictionary<string, long> { ["TEN_SECONDLY_ROLLING"] = 2 }, result.Http429ByPolicy);
        Assert.Equal(99, result.WindowPeak);
        Assert.Equal((86 + 88 + 87) / 3.0, result.WindowMean, 9);
        Assert.Equal(1, result.Failed);
    }

    [Fact]
    public void From_SeveralProcesses_SumsEachLaneAndGivesItsShareOfTheGrants()
    {
        IReadOnlyList<IReadOnlyList<LaneCounts>> workers =
        [
            [new LaneCounts("backfill", 300, 0, [50, 60, 70, 80], 0, 0, 0), new LaneCounts("user_write", 60, 0, [1, 2], 1, 0, 0)],
            [new LaneCounts("backfill", 100, 0, [90], 0, 0, 0), new LaneCounts("sync", 40, 0, [5], 0, 0, 0)],
        ];
        var counts = new SandboxCounts(0, 0, new Dictionary<string, long>(), 0);

        var result = BudgetBenchResult.From(Settings, new HubSpotOptions(), 150, counts, counts, [], workers, DateTimeOffset.UnixEpoch);

        Assert.Equal(["user_write", "sync", "backfill"], result.Lanes.Select(l => l.Lane));
        var backfill = result.Lanes[2];
        Assert.Equal(400, backfill.Calls);
        Assert.Equal(0.8, backfill.Share, 9);
        Assert.Equal(400 / 60.0, backfill.CallsPerSecond, 9);
        Assert.Equal(70, backfill.WaitP50Ms);
        Assert.Equal(90, backfill.WaitP99Ms);
        Assert.Equal(1, result.Lanes[0].Refused);
        Assert.Equal(0.12, result.Lanes[0].Share, 9);
    }

    [Theory]
    [InlineData(5, 100, 1, 8, 0, 0.0, "--duration")]
    [InlineData(60, 300, 1, 8, 0, 0.0, "--budget")]
    [InlineData(60, 100, 0, 8, 0, 0.0, "--processes")]
    [InlineData(60, 100, 1, -1, 0, 0.0, "--workers")]
    [InlineData(60, 100, 1, 8, 0, -2.0, "--user-rate")]
    [InlineData(60, 100, 1, 0, 0, 0.0, "Nothing queued")]
    public void Problem_BadArguments_NameTheOption(double seconds, int budget, int processes, int workers, int syncWorkers, double userRate, string named)
    {
        var settings = Settings with
        {
            Duration = TimeSpan.FromSeconds(seconds), CallsPerTenSeconds = budget, Processes = processes,
            BackfillWorkers = workers, SyncWorkers = syncWorkers, UserWritesPerSecond = userRate,
        };

        Assert.Contains(named, settings.Problem());
    }

    [Fact]
    public void Problem_OnlyUserWritesQueued_IsAValidRun()
    {
        Assert.Null((Settings with { BackfillWorkers = 0, UserWritesPerSecond = 5 }).Problem());
    }
}
