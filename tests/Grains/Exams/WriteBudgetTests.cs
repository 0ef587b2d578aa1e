using MockExams.Cli.Storm;
using MockExams.Tests.Grains.Exams.Fixtures;

namespace MockExams.Tests.Grains.Exams;

/// <summary>A booking rush far beyond HubSpot's budget: clients are told to retry, never shown a 429, and nothing drifts.</summary>
public sealed class WriteBudgetTests(TinyBudgetClusterFixture fixture) : IClassFixture<TinyBudgetClusterFixture>
{
    [Fact]
    public async Task Storm_BudgetOf20CallsPer10Seconds_SomeAreToldToRetryNoneSee429AndAllAgree()
    {
        using var api = fixture.CreateClient("exams.view", "exams.edit", "bookings.manage");
        using var sandbox = fixture.Sandbox.CreateClient();
        var runner = new StormRunner(api, sandbox, fixture.Database.ConnectionString);

        // 600 bookings need at least six batch creates at once, even shared across exams; the bucket holds three and
        // refills 1.5 a second, and a user write waits at most a second for it.
        var report = await runner.RunAsync(
            new StormSettings(Exams: 10, Capacity: 60, Requests: 600, Concurrency: 600, SettleTimeout: TimeSpan.FromSeconds(60)),
            TestContext.Current.CancellationToken);

        // The runner's checks: no exam above capacity, no student twice, every 503 with Retry-After, no 429, and
        // HubSpot (the sandbox's dump), the replica and the api's reads agree on every exam's bookings and total.
        Assert.Empty(report.Violations);
        Assert.True(report.RetryLater > 0, "the budget ran out during the rush");
        Assert.Equal(0, report.RetryAfterMissing);
        Assert.Equal(0, report.Http429);
        Assert.Equal(0, report.HubSpot429);
        Assert.Equal(0, report.OtherErrors);
        Assert.Equal(600, report.Booked + report.Rejected + report.RetryLater);
        Assert.InRange(report.Booked, 1, 599);
    }
}
