using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using MockExams.Grains.HubSpot;
using MockExams.Tests.Fixtures;
using StackExchange.Redis;

namespace MockExams.Tests.Grains.HubSpot;

/// <summary>
/// The governor without Redis: user writes keep getting a conservative local share of the budget (sync and backfill
/// wait), the shared bucket is charged for those calls when Redis returns, and a Redis that lost its data does not
/// hand out a fresh, full bucket to a process that spent from the old one.
/// </summary>
public sealed class BudgetRedisOutageTests : IAsyncLifetime
{
    private readonly BudgetTestKit _kit = new();
    private readonly List<IAsyncDisposable> _owned = [];
    private TcpProxy? _proxy;
    private ConnectionMultiplexer? _proxied;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        var redis = ConfigurationOptions.Parse(HubSpotRedis.ConnectionString);
        var endPoint = redis.EndPoints[0] switch
        {
            System.Net.DnsEndPoint dns => (dns.Host, dns.Port),
            System.Net.IPEndPoint ip => (ip.Address.ToString(), ip.Port),
            var other => throw new InvalidOperationException($"unexpected Redis endpoint {other}"),
        };
        _proxy = new TcpProxy(endPoint.Item1, endPoint.Item2);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            await owned.DisposeAsync();
        }
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }
        await _kit.DisposeAsync();
    }

    [Fact]
    public async Task Acquire_RedisCut_UserWritesSpendALocalShareAndSyncWaits()
    {
        // 100/10 s at 0.9: burst 3, 8.7/s; split among 4 spenders: burst 1, about 2.2/s here.
        var governor = await ProxiedGovernorAsync(o => o.OutageSpenders = 4);
        await governor.AcquireAsync(HubSpotLane.UserWrite, HubSpotCallKind.Standard, TimeSpan.Zero, Ct);

        _proxy!.Cut();
        var granted = await GrantsWithinAsync(governor, TimeSpan.FromSeconds(2));
        var sync = await Assert.ThrowsAsync<HubSpotOverBudgetException>(
            () => governor.AcquireAsync(HubSpotLane.Sync, HubSpotCallKind.Standard, TimeSpan.Zero, Ct));

        // At most the local share's burst plus 2 s of its refill (1 + 4.35), never the shared 3 + 17.4.
        Assert.InRange(granted, 2, 6);
        Assert.Equal(HubSpotLane.Sync, sync.Lane);
    }

    [Fact]
    public async Task Acquire_RedisHangs_UserWritesStillGetBudgetWithoutWaitingOutTheCommandTimeout()
    {
        var governor = await ProxiedGovernorAsync(o => o.OutageSpenders = 4);
        await governor.AcquireAsync(HubSpotLane.UserWrite, HubSpotCallKind.Standard, TimeSpan.Zero, Ct);

        _proxy!.HoldNextResponse();
        var clock = Stopwatch.StartNew();
        await governor.AcquireAsync(HubSpotLane.UserWrite, HubSpotCallKind.Standard, TimeSpan.FromSeconds(3), Ct);
        var second = clock.Elapsed;
        _proxy.ReleaseResponses();

        // 1.5 s for Redis to answer, then the local share's first token: not StackExchange.Redis's 5 s timeout.
        Assert.True(second < TimeSpan.FromSeconds(3), $"the write waited {second}");
    }

    [Fact]
    public async Task Acquire_RedisReturns_TheSharedBucketIsChargedForTheCallsGrantedLocally()
    {
        // A slow bucket (burst 3, 1.5/s; half of it locally): the refill between the charge and the snapshot below
        // stays far from the difference the charge makes (at the default rate 0.12 s of it could hide it).
        var governor = await ProxiedGovernorAsync(o => { o.OutageSpenders = 2; o.CallsPerTenSeconds = 20; });
        var observer = await _kit.NewGovernorAsync(_kit.Options(o => o.CallsPerTenSeconds = 20));
        await governor.AcquireAsync(HubSpotLane.UserWrite, HubSpotCallKind.Standard, TimeSpan.Zero, Ct);
        _proxy!.Cut();
        var local = await GrantsWithinAsync(governor, TimeSpan.FromSeconds(6));

        _proxy.Restore();
        await WaitUntilConnectedAsync();
        await governor.AcquireAsync(HubSpotLane.UserWrite, HubSpotCallKind.Standard, TimeSpan.FromSeconds(5), Ct);
        var snapshot = await observer.GetSnapshotAsync(Ct);

        // Without the charge the bucket would be back at its burst of 3 (refilled during the cut), at least 2 after the
        // last acquire; charged for 2 or more local calls, it is at most 0 after it, plus 1.5/s since (1 s of slack).
        Assert.True(local >= 2, $"only {local} local grants");
        Assert.True(snapshot.Tokens < 1.5, $"{snapshot.Tokens} tokens after {local} local grants");
    }

    [Fact]
    public async Task Acquire_RedisLostItsData_TheBucketStartsEmptyForAProcessThatSpentFromTheOldOne()
    {
        var governor = await _kit.NewGovernorAsync(_kit.Options(o => o.CallsPerTenSeconds = 20));   // burst 3, 1.5/s
        await governor.AcquireAsync(HubSpotLane.UserWrite, HubSpotCallKind.Standard, TimeSpan.Zero, Ct);

        await DeleteBudgetKeysAsync();   // what FLUSHALL or a restart without persistence does to these keys
        var refused = await Assert.ThrowsAsync<HubSpotOverBudgetException>(
            () => governor.AcquireAsync(HubSpotLane.UserWrite, HubSpotCallKind.Standard, TimeSpan.Zero, Ct));

        Assert.Equal(HubSpotLane.UserWrite, refused.Lane);
    }

    [Fact]
    public async Task Acquire_FirstUseOfTheBudget_StillStartsWithTheBurst()
    {
        var governor = await _kit.NewGovernorAsync(_kit.Options(o => o.CallsPerTenSeconds = 20));

        for (var i = 0; i < 3; i++)
        {
            await governor.AcquireAsync(HubSpotLane.UserWrite, HubSpotCallKind.Standard, TimeSpan.Zero, Ct);
        }

        Assert.Single(await _kit.KeysAsync(), key => key.ToString().EndsWith(":epoch", StringComparison.Ordinal));
    }

    private async Task<RedisHubSpotBudget> ProxiedGovernorAsync(Action<HubSpotOptions> configure)
    {
        var options = ConfigurationOptions.Parse($"127.0.0.1:{_proxy!.Port}");
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 500;
        var redis = await ConnectionMultiplexer.ConnectAsync(options);
        _owned.Add(redis);
        _proxied = redis;
        return new RedisHubSpotBudget(redis, Microsoft.Extensions.Options.Options.Create(_kit.Options(configure)), TimeProvider.System,
            new HubSpotMetrics(_kit.MeterFactory), NullLogger<RedisHubSpotBudget>.Instance);
    }

    private static async Task<int> GrantsWithinAsync(RedisHubSpotBudget governor, TimeSpan window)
    {
        var clock = Stopwatch.StartNew();
        var granted = 0;
        while (true)
        {
            try
            {
                await governor.AcquireAsync(HubSpotLane.UserWrite, HubSpotCallKind.Standard, window - clock.Elapsed, Ct);
                granted++;
            }
            catch (HubSpotOverBudgetException)
            {
                return granted;
            }
        }
    }

    private async Task WaitUntilConnectedAsync()
    {
        // The governor's connection reconnects on its own; the next acquire must reach Redis, not the local share,
        // so also wait out the governor's two-second pause after a Redis failure.
        while (!_proxied!.IsConnected)
        {
            await Task.Delay(50, Ct);
        }
        await Task.Delay(TimeSpan.FromSeconds(2.2), Ct);
    }

    private async Task DeleteBudgetKeysAsync()
    {
        var redis = await HubSpotRedis.ConnectAsync();
        _owned.Add(redis);
        foreach (var key in await _kit.KeysAsync())
        {
            await redis.GetDatabase().KeyDeleteAsync(key);
        }
    }
}
