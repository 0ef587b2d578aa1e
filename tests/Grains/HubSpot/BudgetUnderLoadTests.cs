using System.Diagnostics;
using MockExams.Grains.HubSpot;

namespace MockExams.Tests.Grains.HubSpot;

/// <summary>The governor keeps several processes sharing one HubSpot token inside HubSpot's budget.</summary>
[Collection(SandboxLoad.Collection)]
public sealed class BudgetUnderLoadTests(ITestOutputHelper output)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoSilosAndACli_HammeringTogether_StayUnderTheBudget_WithNo429()
    {
        // 50 calls per 10 s, 60 calls of work: without the governor most of it would be answered 429.
        await using var hub = await SandboxedHubSpot.StartAsync(s => s with { CallsPerTenSeconds = 50, LatencyMs = 30 });
        var exam = hub.SeedExam();
        var contact = hub.SeedContact();
        var lanes = new[] { HubSpotLane.UserWrite, HubSpotLane.Sync, HubSpotLane.Backfill };   // silo, silo, CLI
        var processes = new List<HubSpotTestProcess>();
        foreach (var _ in lanes)
        {
            processes.Add(await hub.StartProcessAsync(new()
            {
                ["CallsPerTenSeconds"] = "50", ["UserWriteBudgetWait"] = "00:01:00", ["SyncBudgetWait"] = "00:01:00", ["BackfillBudgetWait"] = "00:01:00",
            }));
        }
        var shape = HubSpotBudgetShape.TenSecond(new HubSpotOptions { CallsPerTenSeconds = 50 });
        var finished = new TimeSpan[lanes.Length];
        var clock = Stopwatch.StartNew();

        await Task.WhenAll(processes.Select(async (process, n) =>
        {
            // 4 concurrent callers per process, 5 single-booking creates each: 20 calls per process.
            await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
            {
                for (var i = 0; i < 5; i++)
                {
                    var result = await process.Client.CreateBookingsAsync([SandboxedHubSpot.NewBooking(exam, contact)], lanes[n], Ct);
                    Assert.Equal(CreateStatus.Created, Assert.Single(result).Status);
                }
            }));
            finished[n] = clock.Elapsed;
        }));
        var elapsed = clock.Elapsed;

        var stats = hub.Stats;
        var achieved = 60 / elapsed.TotalSeconds;
        output.WriteLine($"60 calls in {elapsed.TotalSeconds:0.0} s = {achieved:0.00}/s; governor rate {shape.TokensPerSecond}/s (burst {shape.Capacity}); "
            + $"HubSpot limit 5/s; lanes finished at {string.Join(", ", finished.Select(f => $"{f.TotalSeconds:0.0} s"))}");
        Assert.DoesNotContain(stats.RateLimitedByPolicy, p => p.Value > 0);
        Assert.Equal(60, stats.TotalCalls);
        Assert.Equal(60, hub.Bookings.Count);
        // Never faster than the bucket allows (burst + rate × time), and not idle while work waits.
        // Measured 97 % of the governor's rate on a quiet machine, 84 % beside the whole test suite:
        // the bound only catches a governor that stalls.
        Assert.InRange(elapsed.TotalSeconds, (60 - shape.Capacity) / shape.TokensPerSecond - 0.5, (60 - shape.Capacity) / shape.TokensPerSecond / 0.6);
        Assert.True(finished[0] < finished[2], "user writes finished before the backfill");
    }
}
