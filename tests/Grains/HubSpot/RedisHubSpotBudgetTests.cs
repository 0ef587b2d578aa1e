using System.Diagnostics;
using System.Diagnostics.Metrics;
using MockExams.Grains.HubSpot;

namespace MockExams.Tests.Grains.HubSpot;

public sealed class RedisHubSpotBudgetTests : IAsyncLifetime
{
    private readonly BudgetTestKit _kit = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _kit.DisposeAsync();

    [Fact]
    public async Task Acquire_WithinTheBurst_IsImmediate_AndBeyondItWaitsForTheRefill()
    {
        var governor = await _kit.NewGovernorAsync(_kit.Options(o => o.CallsPerTenSeconds = 20));   // burst 3, 1.5/s
        var clock = Stopwatch.StartNew();

        for (var i = 0; i < 3; i++)
        {
            await governor.AcquireAsync(HubSpotLane.UserWrite, HubSpotCallKind.Standard, TimeSpan.Zero, Ct);
        }
        var burst = clock.Elapsed;
        await governor.AcquireAsync(HubSpotLane.UserWrite, HubSpotCallKind.Standard, TimeSpan.FromSeconds(5), Ct);

        Assert.True(burst < TimeSpan.FromMilliseconds(400), $"the burst took {burst}");
        Assert.True(clock.Elapsed - burst >= TimeSpan.FromMilliseconds(450), $"the 4th call waited only {clock.Elapsed - burst}");
    }

    [Fact]
    public async Task Acquire_NoBudgetWithinTheDeadline_ThrowsOverBudgetWithRetryAfter()
    {
        var governor = await _kit.NewGovernorAsync(_kit.Options(o => o.CallsPerTenSeconds = 20));
        for (var i = 0; i < 3; i++)
        {
            await governor.AcquireAsync(HubSpotLane.UserWrite, HubSpotCallKind.Standard, TimeSpan.Zero, Ct);
        }
        var clock = Stopwatch.StartNew();

        var refused = await Assert.ThrowsAsync<HubSpotOverBudgetException>(
            () => governor.AcquireAsync(HubSpotLane.UserWrite, HubSpotCallKind.Standard, TimeSpan.FromMilliseconds(100), Ct));

        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(300), "it answered at once, without waiting out a hopeless deadline");
        Assert.Equal(HubSpotLane.UserWrite, refused.Lane);
        Assert.InRange(refused.RetryAfter, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));
        Assert.Equal(1, refused.RetryAfterSeconds);
    }

    [Fact]
    public async Task Acquire_LowerLanes_LeaveTheReserveToUserWrites()
    {
        var governor = await _kit.NewGovernorAsync(_kit.Options(o => o.CallsPerTenSeconds = 20));   // burst 3

        await governor.AcquireAsync(HubSpotLane.Backfill, HubSpotCallKind.Standard, TimeSpan.Zero, Ct);     // 3 → 2
        await governor.AcquireAsync(HubSpotLane.Backfill, HubSpotCallKind.Standard, TimeSpan.Zero, Ct);     // 2 → 1
        await Assert.ThrowsAsync<HubSpotOverBudgetException>(
            () => governor.AcquireAsync(HubSpotLane.Backfill, HubSpotCallKind.Standard, TimeSpan.Zero, Ct)); // needs 2
        await Assert.ThrowsAsync<HubSpotOverBudgetException>(
            () => governor.AcquireAsync(HubSpotLane.Sync, HubSpotCallKind.Standard, TimeSpan.Zero, Ct));     // needs 1.5
        await governor.AcquireAsync(HubSpotLane.UserWrite, HubSpotCallKind.Standard, TimeSpan.Zero, Ct);    // 1 → 0
    }

    [Fact]
    public async Task Acquire_UnderContention_UserWritesGoFirst()
    {
        var options = _kit.Options(o => o.CallsPerTenSeconds = 50);   // burst 3, 4.2/s
        var backfillProcess = await _kit.NewGovernorAsync(options);
        var userProcess = await _kit.NewGovernorAsync(options);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var backfill = 0;
        var backfillLoop = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await backfillProcess.AcquireAsync(HubSpotLane.Backfill, HubSpotCallKind.Standard, TimeSpan.FromMinutes(1), stop.Token);
                Interlocked.Increment(ref backfill);
            }
        }, Ct);
        await Task.Delay(TimeSpan.FromSeconds(1), Ct);   // backfill now keeps the bucket near its reserve
        var clock = Stopwatch.StartNew();

        for (var i = 0; i < 4; i++)
        {
            await userProcess.AcquireAsync(HubSpotLane.UserWrite, HubSpotCallKind.Standard, TimeSpan.FromSeconds(5), Ct);
        }
        var userTime = clock.Elapsed;
        var backfillBefore = Volatile.Read(ref backfill);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => backfillLoop);

        // 4 user writes at 4.2/s need at most ~1 s even though backfill was saturating the bucket.
        Assert.True(userTime < TimeSpan.FromSeconds(1.5), $"user writes took {userTime}");
        Assert.True(backfillBefore > 0, "backfill ran while nobody else wanted budget");
    }

    [Fact]
    public async Task Acquire_ThreeProcessesHammering_StayWithinTheBucketsBound()
    {
        var options = _kit.Options(o => o.CallsPerTenSeconds = 20);   // burst 3, 1.5/s
        var processes = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => _kit.NewGovernorAsync(options)));
        var granted = 0;
        var run = TimeSpan.FromSeconds(4);
        using var stop = new CancellationTokenSource(run);
        var clock = Stopwatch.StartNew();

        var workers = processes.SelectMany(governor => Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                try
                {
                    await governor.AcquireAsync(HubSpotLane.Sync, HubSpotCallKind.Standard, TimeSpan.FromMinutes(1), stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                Interlocked.Increment(ref granted);
            }
        })));
        await Task.WhenAll(workers);
        var elapsed = clock.Elapsed.TotalSeconds;

        // At most burst + rate × time; and the governor does not sit idle while work is queued.
        Assert.InRange(granted, (int)(1.5 * (elapsed - 1)), (int)Math.Floor(3 + 1.5 * elapsed));
    }

    [Fact]
    public async Task Pause_TenSecondlyRolling_StopsEveryProcessButNotSearch()
    {
        var options = _kit.Options();
        var hit429 = await _kit.NewGovernorAsync(options);
        var other = await _kit.NewGovernorAsync(options);

        var paused = await hit429.PauseAsync(HubSpotCallKind.Standard, "TEN_SECONDLY_ROLLING", null, Ct);
        var refused = await Assert.ThrowsAsync<HubSpotOverBudgetException>(
            () => other.AcquireAsync(HubSpotLane.UserWrite, HubSpotCallKind.Standard, TimeSpan.FromSeconds(1), Ct));
        await other.AcquireAsync(HubSpotLane.Sync, HubSpotCallKind.Search, TimeSpan.Zero, Ct);
        var snapshot = await other.GetSnapshotAsync(Ct);

        Assert.Equal(TimeSpan.FromSeconds(10), paused);
        Assert.InRange(refused.RetryAfter, TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(10));
        Assert.InRange(snapshot.PausedFor, TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(10));
        Assert.Equal(TimeSpan.Zero, snapshot.SearchPausedFor);
        Assert.Equal(0, snapshot.Tokens);
    }

    [Fact]
    public async Task Pause_Secondly_PausesOnlySearchForOneSecond()
    {
        var governor = await _kit.NewGovernorAsync(_kit.Options());

        var paused = await governor.PauseAsync(HubSpotCallKind.Search, "SECONDLY", null, Ct);
        await governor.AcquireAsync(HubSpotLane.UserWrite, HubSpotCallKind.Standard, TimeSpan.Zero, Ct);
        var clock = Stopwatch.StartNew();
        await governor.AcquireAsync(HubSpotLane.Sync, HubSpotCallKind.Search, TimeSpan.FromSeconds(3), Ct);

        Assert.Equal(TimeSpan.FromSeconds(1), paused);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(700), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Pause_Daily_StopsEverythingUntilTheDailyReset()
    {
        var governor = await _kit.NewGovernorAsync(_kit.Options());

        var paused = await governor.PauseAsync(HubSpotCallKind.Standard, "DAILY", null, Ct);
        var refused = await Assert.ThrowsAsync<HubSpotOverBudgetException>(
            () => governor.AcquireAsync(HubSpotLane.Sync, HubSpotCallKind.Search, TimeSpan.FromSeconds(1), Ct));

        var untilMidnight = DateTimeOffset.UtcNow.Date.AddDays(1) - DateTimeOffset.UtcNow.UtcDateTime;
        Assert.InRange(paused, untilMidnight - TimeSpan.FromSeconds(5), untilMidnight + TimeSpan.FromSeconds(1));
        Assert.True(refused.RetryAfter > untilMidnight - TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Pause_ShorterPause_NeverShortensALongerOne()
    {
        var governor = await _kit.NewGovernorAsync(_kit.Options());

        await governor.PauseAsync(HubSpotCallKind.Standard, "TEN_SECONDLY_ROLLING", null, Ct);
        var second = await governor.PauseAsync(HubSpotCallKind.Standard, "SECONDLY", null, Ct);

        Assert.InRange(second, TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task ReportWindowRemaining_HubSpotNearlyFull_HoldsEveryProcess_ButNotWhenThereIsRoom()
    {
        var options = _kit.Options();   // 100 per 10 s: 8.7/s, low mark 5
        var reporter = await _kit.NewGovernorAsync(options);
        var other = await _kit.NewGovernorAsync(options);

        var roomy = await reporter.ReportWindowRemainingAsync(12, 100, Ct);
        var hold = await reporter.ReportWindowRemainingAsync(1, 100, Ct);
        var snapshot = await other.GetSnapshotAsync(Ct);

        Assert.Equal(TimeSpan.Zero, roomy);
        Assert.Equal(TimeSpan.FromSeconds(5 / 8.7).TotalMilliseconds, hold.TotalMilliseconds, 1);
        Assert.InRange(snapshot.PausedFor, TimeSpan.FromMilliseconds(300), hold);
        Assert.Equal(0, snapshot.Tokens);
    }

    [Fact]
    public async Task Acquire_DailyLimitSpent_RefusesUntilTheDayResets()
    {
        // Below the validator's minimum on purpose: the governor itself must enforce any limit.
        var governor = await _kit.NewGovernorAsync(_kit.Options(o => o.DailyLimit = 2));

        await governor.AcquireAsync(HubSpotLane.UserWrite, HubSpotCallKind.Standard, TimeSpan.Zero, Ct);
        await governor.AcquireAsync(HubSpotLane.Sync, HubSpotCallKind.Search, TimeSpan.Zero, Ct);
        var refused = await Assert.ThrowsAsync<HubSpotOverBudgetException>(
            () => governor.AcquireAsync(HubSpotLane.UserWrite, HubSpotCallKind.Standard, TimeSpan.FromSeconds(1), Ct));

        Assert.Equal(2, (await governor.GetSnapshotAsync(Ct)).DailyUsed);
        Assert.InRange(refused.RetryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromHours(24));
    }

    [Fact]
    public async Task Search_HasItsOwnBucket_NotChargedToTheTenSecondOne()
    {
        var governor = await _kit.NewGovernorAsync(_kit.Options(o => o.CallsPerTenSeconds = 20));
        for (var i = 0; i < 3; i++)
        {
            await governor.AcquireAsync(HubSpotLane.UserWrite, HubSpotCallKind.Standard, TimeSpan.Zero, Ct);
        }

        await governor.AcquireAsync(HubSpotLane.Sync, HubSpotCallKind.Search, TimeSpan.Zero, Ct);
        var clock = Stopwatch.StartNew();
        await governor.AcquireAsync(HubSpotLane.Sync, HubSpotCallKind.Search, TimeSpan.FromSeconds(2), Ct);

        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(800));   // 1 / 3.5 s
        var snapshot = await governor.GetSnapshotAsync(Ct);
        Assert.True(snapshot.Tokens < 1, "the searches did not refill the 10-second bucket");
        Assert.Equal(5, snapshot.DailyUsed);
    }

    [Fact]
    public async Task Acquire_RedisUnreachable_SyncFailsClosedAsOverBudget()
    {
        await using var deadRedis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync("127.0.0.1:1,abortConnect=false,connectTimeout=200");
        using var governor = new RedisHubSpotBudget(
            deadRedis, Microsoft.Extensions.Options.Options.Create(_kit.Options()), TimeProvider.System,
            new HubSpotMetrics(_kit.MeterFactory), Microsoft.Extensions.Logging.Abstractions.NullLogger<RedisHubSpotBudget>.Instance);

        // User writes spend a local share meanwhile (BudgetRedisOutageTests); sync and backfill wait for Redis.
        var refused = await Assert.ThrowsAsync<HubSpotOverBudgetException>(
            () => governor.AcquireAsync(HubSpotLane.Sync, HubSpotCallKind.Standard, TimeSpan.FromMilliseconds(500), Ct));

        Assert.Equal(TimeSpan.FromSeconds(2), refused.RetryAfter);   // the governor tries Redis again 2 s after a failure
        Assert.Contains("unreachable", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_CarryAHashOfTheToken_NeverTheToken()
    {
        var options = _kit.Options(o => o.AccessToken = "pat-na1-very-secret");
        var governor = await _kit.NewGovernorAsync(options);

        await governor.AcquireAsync(HubSpotLane.UserWrite, HubSpotCallKind.Standard, TimeSpan.Zero, Ct);
        await governor.AcquireAsync(HubSpotLane.Sync, HubSpotCallKind.Search, TimeSpan.Zero, Ct);
        var keys = await _kit.KeysAsync();

        // The ten-second and search buckets, the daily counter, the epoch marker, and each lane's count of this 10-second bucket.
        Assert.Equal(6, keys.Count);
        Assert.All(keys, key => Assert.DoesNotContain("secret", key.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task RecentUse_GrantsAndA429_AreCountedPerLaneForTheDashboard()
    {
        var governor = await _kit.NewGovernorAsync(_kit.Options());

        await governor.AcquireAsync(HubSpotLane.UserWrite, HubSpotCallKind.Standard, TimeSpan.FromSeconds(5), Ct);
        await governor.AcquireAsync(HubSpotLane.UserWrite, HubSpotCallKind.Standard, TimeSpan.FromSeconds(5), Ct);
        await governor.AcquireAsync(HubSpotLane.Sync, HubSpotCallKind.Search, TimeSpan.FromSeconds(5), Ct);
        await governor.PauseAsync(HubSpotCallKind.Standard, "TEN_SECONDLY_ROLLING", null, Ct);
        var use = await governor.GetRecentUseAsync(Ct);

        Assert.NotNull(use);
        Assert.Equal((2L, 1L, 0L), (use.GrantedLastMinute[HubSpotLane.UserWrite], use.GrantedLastMinute[HubSpotLane.Sync],
            use.GrantedLastMinute[HubSpotLane.Backfill]));
        Assert.Equal((1L, 1L), (use.RateLimitedLastMinute, use.RateLimitedToday));
    }

    [Fact]
    public async Task Metrics_CountGrantsWaitsAndRejections_ByLane()
    {
        var governor = await _kit.NewGovernorAsync(_kit.Options(o => o.CallsPerTenSeconds = 20));
        var counts = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == _kit.MeterFactory && instrument.Meter.Name == HubSpotMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var lane = tags.ToArray().FirstOrDefault(t => t.Key == "lane").Value;
            lock (counts)
            {
                var key = $"{instrument.Name}/{lane}";
                counts[key] = counts.GetValueOrDefault(key) + value;
            }
        });
        listener.Start();

        for (var i = 0; i < 4; i++)
        {
            await governor.AcquireAsync(HubSpotLane.UserWrite, HubSpotCallKind.Standard, TimeSpan.FromSeconds(5), Ct);
        }
        await Assert.ThrowsAsync<HubSpotOverBudgetException>(
            () => governor.AcquireAsync(HubSpotLane.Backfill, HubSpotCallKind.Standard, TimeSpan.Zero, Ct));

        Assert.Equal(4, counts["mockexams.hubspot.budget.granted/user_write"]);
        Assert.Equal(1, counts["mockexams.hubspot.budget.waits/user_write"]);
        Assert.Equal(1, counts["mockexams.hubspot.budget.rejected/backfill"]);
    }
}
