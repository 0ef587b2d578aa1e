using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace MockExams.Grains.HubSpot;

/// <summary>
/// <see cref="IHubSpotBudget"/> kept in Redis: one token bucket per HubSpot token for the 10-second
/// limit, one for search, and a daily counter, all changed by atomic Lua scripts so every process
/// sharing the token draws from the same budget. Keys carry a hash of the token, never the token.
/// While Redis is unreachable, user writes still get budget: each process spends its share of the limit from a
/// bucket in its own memory (<see cref="LocalHubSpotBucket"/>, the shape divided by <see cref="OutageSpenders"/>),
/// and charges the shared bucket for those calls once Redis answers again. Sync and backfill wait for Redis.
/// </summary>
public sealed partial class RedisHubSpotBudget : IHubSpotBudget, IDisposable
{
    private static readonly TimeSpan IdleBucketTtl = TimeSpan.FromHours(1);
    private static readonly TimeSpan DailyCounterTtl = TimeSpan.FromDays(2);
    private static readonly TimeSpan UseBucketTtl = TimeSpan.FromMinutes(2);
    private const int UseBuckets = 6;
    private const string RateLimitedUse = "429";

    // Redis answers in a millisecond; one that has not answered in this long is treated as away for RedisRetryAfter,
    // so a hung Redis costs a user write this much once, not a 5-second command timeout on every call. Not shorter:
    // on a CPU-starved host (a load test on 2 cores) a healthy Redis round trip was seen to take over 500 ms.
    private static readonly TimeSpan RedisAnswerTimeout = TimeSpan.FromMilliseconds(1500);
    private static readonly TimeSpan RedisRetryAfter = TimeSpan.FromSeconds(2);

    private readonly IConnectionMultiplexer _redis;
    private readonly IDatabase _db;
    private readonly IHubSpotBudgetPeers? _peers;
    private readonly LocalHubSpotBucket _localTenSecond;
    private readonly LocalHubSpotBucket _localSearch;
    private readonly string _processId = Guid.NewGuid().ToString("N");
    private volatile string _epoch = "";
    private long _redisAwayUntil;
    private readonly HubSpotOptions _options;
    private readonly TimeProvider _time;
    private readonly HubSpotMetrics _metrics;
    private readonly ILogger<RedisHubSpotBudget> _logger;
    private readonly HubSpotBudgetShape _tenSecond;
    private readonly HubSpotBudgetShape _search;
    private readonly TimeZoneInfo _accountZone;
    private readonly string _keyPrefix;

    // One poller per lane and kind in this process: the others queue here in arrival order
    // instead of all polling Redis, and a backfill queue never delays a user write.
    private readonly SemaphoreSlim[] _gates = [.. Enumerable.Range(0, 6).Select(_ => new SemaphoreSlim(1, 1))];

    public RedisHubSpotBudget(
        IConnectionMultiplexer redis, IOptions<HubSpotOptions> options, TimeProvider time,
        HubSpotMetrics metrics, ILogger<RedisHubSpotBudget> logger, IHubSpotBudgetPeers? peers = null)
    {
        _redis = redis;
        _db = redis.GetDatabase();
        _peers = peers;
        _localTenSecond = new LocalHubSpotBucket(time);
        _localSearch = new LocalHubSpotBucket(time);
        _options = options.Value;
        _time = time;
        _metrics = metrics;
        _logger = logger;
        _tenSecond = HubSpotBudgetShape.TenSecond(_options);
        _search = HubSpotBudgetShape.Search(_options);
        _accountZone = TimeZoneInfo.FindSystemTimeZoneById(_options.DailyResetTimeZone);
        _keyPrefix = $"{_options.BudgetKeyPrefix}:{TokenHash(_options.AccessToken)}";
    }

    /// <summary>The shape of the 10-second bucket this governor enforces.</summary>
    public HubSpotBudgetShape TenSecondShape => _tenSecond;

    /// <summary>The shape of the search bucket this governor enforces.</summary>
    public HubSpotBudgetShape SearchShape => _search;

    /// <summary>
    /// Among how many processes the budget is split while Redis is unreachable: <c>HubSpot__OutageSpenders</c> when
    /// set, else the active silos in the cluster's membership plus one (a CLI, or a silo not yet seen, may spend too),
    /// else two.
    /// </summary>
    public int OutageSpenders => _options.OutageSpenders > 0 ? _options.OutageSpenders : (_peers?.KnownSpenders ?? 1) + 1;

    /// <summary>This process's share of <paramref name="shape"/> while Redis is unreachable (at least one call of burst).</summary>
    public HubSpotBudgetShape LocalShare(HubSpotBudgetShape shape) =>
        new(Math.Max(1, shape.Capacity / OutageSpenders), shape.TokensPerSecond / OutageSpenders);

    public async Task AcquireAsync(HubSpotLane lane, HubSpotCallKind kind, TimeSpan maxWait, CancellationToken cancellationToken = default)
    {
        var started = _time.GetTimestamp();
        var gate = _gates[(int)lane * 2 + (int)kind];
        if (!await gate.WaitAsync(maxWait, cancellationToken))
        {
            throw OverBudget(lane, kind, EstimatedQueueWait(kind), "others in this process were ahead in the queue");
        }
        try
        {
            var shape = kind == HubSpotCallKind.Search ? _search : _tenSecond;
            var hadToWait = false;
            while (true)
            {
                var (granted, waitMs, reason) = await TryTakeAsync(lane, kind, shape);
                var waited = _time.GetElapsedTime(started);
                if (granted)
                {
                    _metrics.Granted(lane, kind, waited, hadToWait);
                    CountRecent(UseKey(lane.ToString(), _time.GetUtcNow()));
                    return;
                }
                var wait = reason == DailyLimit ? UntilDailyReset() : TimeSpan.FromMilliseconds(waitMs);
                if (waited + wait > maxWait)
                {
                    throw OverBudget(lane, kind, wait, reason switch
                    {
                        Paused => "HubSpot answered 429 and the budget is paused",
                        DailyLimit => "the daily limit is spent",
                        RedisAway => "the shared budget (Redis) is unreachable and only user writes spend a local share",
                        _ => "the bucket refills too slowly for the deadline",
                    });
                }
                // A little jitter so pollers of several processes do not wake in lockstep.
                hadToWait = true;
                await Task.Delay(wait + TimeSpan.FromMilliseconds(Random.Shared.Next(1, 5)), _time, cancellationToken);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task<TimeSpan> PauseAsync(HubSpotCallKind kind, string? policyName, TimeSpan? retryAfter, CancellationToken cancellationToken = default)
    {
        var (window, keys) = policyName switch
        {
            "DAILY" => (UntilDailyReset(), new RedisKey[] { TenSecondKey, SearchKey }),
            "TEN_SECONDLY_ROLLING" => (TimeSpan.FromSeconds(10), [TenSecondKey]),
            "SECONDLY" => (TimeSpan.FromSeconds(1), [KeyFor(kind)]),
            _ => (kind == HubSpotCallKind.Search ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(10), [KeyFor(kind)]),
        };
        if (retryAfter is { } hinted && hinted > window)
        {
            window = hinted;
        }
        // Paused here too: if Redis goes away, the local buckets must not forget the 429.
        foreach (var key in keys)
        {
            (key == SearchKey ? _localSearch : _localTenSecond).Pause(window);
        }
        TimeSpan paused;
        try
        {
            var result = await _db.ScriptEvaluateAsync(HubSpotBudgetScripts.Pause, keys,
                [(long)window.TotalMilliseconds, (long)IdleBucketTtl.TotalMilliseconds]).WaitAsync(RedisAnswerTimeout, _time, cancellationToken);
            paused = TimeSpan.FromMilliseconds((long)result);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            MarkRedisAway(ex);
            paused = window;
        }

        // For the dashboard: fire-and-forget, so a Redis that is away costs nothing here.
        CountRecent(UseKey(RateLimitedUse, _time.GetUtcNow()));
        _db.StringIncrement($"{DailyKey()}:429", flags: CommandFlags.FireAndForget);
        _db.KeyExpire($"{DailyKey()}:429", DailyCounterTtl, CommandFlags.FireAndForget);

        LogPaused(_logger, policyName ?? "unknown", kind, paused);
        return paused;
    }

    public async Task<TimeSpan> ReportWindowRemainingAsync(int remaining, int max, CancellationToken cancellationToken = default)
    {
        var mark = HubSpotBudgetShape.LowRemainingMark(max, _options.Headroom);
        if (remaining >= mark)
        {
            return TimeSpan.Zero;
        }
        // At our rate, one of our older calls leaves HubSpot's window about every 1/r seconds.
        var hold = TimeSpan.FromSeconds((mark - remaining + 1) / _tenSecond.TokensPerSecond);
        await _db.ScriptEvaluateAsync(HubSpotBudgetScripts.Pause, [TenSecondKey],
            [(long)hold.TotalMilliseconds, (long)IdleBucketTtl.TotalMilliseconds]);
        _metrics.Throttled();
        LogWindowNearlyFull(_logger, remaining, max, hold);
        return hold;
    }

    public async Task<HubSpotBudgetSnapshot> GetSnapshotAsync(CancellationToken cancellationToken = default)
    {
        var result = (RedisResult[])(await _db.ScriptEvaluateAsync(HubSpotBudgetScripts.Snapshot,
            [TenSecondKey, SearchKey, DailyKey()],
            [_tenSecond.Capacity, _tenSecond.TokensPerSecond / 1000, _search.Capacity, _search.TokensPerSecond / 1000]))!;
        return new HubSpotBudgetSnapshot(
            (long)result[0] / 1000.0, (long)result[1] / 1000.0, (long)result[2],
            TimeSpan.FromMilliseconds((long)result[3]), TimeSpan.FromMilliseconds((long)result[4]));
    }

    public async Task<HubSpotRecentUse?> GetRecentUseAsync(CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        var names = Enum.GetValues<HubSpotLane>().Select(lane => lane.ToString()).Append(RateLimitedUse).ToArray();
        // The current 10-second bucket and the five before it: the last 50 to 60 seconds.
        var keys = names.SelectMany(name => Enumerable.Range(0, UseBuckets).Select(back => UseKey(name, now.AddSeconds(-10 * back)))).ToArray();
        var values = await _db.StringGetAsync([.. keys, $"{DailyKey()}:429"]);
        long Sum(int index) => values.Skip(index * UseBuckets).Take(UseBuckets).Sum(value => value.IsNull ? 0 : (long)value);
        return new HubSpotRecentUse(
            Enum.GetValues<HubSpotLane>().ToDictionary(lane => lane, lane => Sum((int)lane)),
            Sum(names.Length - 1),
            values[^1].IsNull ? 0 : (long)values[^1]);
    }

    public void Dispose()
    {
        foreach (var gate in _gates)
        {
            gate.Dispose();
        }
    }

    private const long Paused = 1;
    private const long DailyLimit = 2;
    private const long RedisAway = 3;

    private async Task<(bool Granted, long WaitMs, long Reason)> TryTakeAsync(HubSpotLane lane, HubSpotCallKind kind, HubSpotBudgetShape shape)
    {
        if (_time.GetTimestamp() < Interlocked.Read(ref _redisAwayUntil) || !_redis.IsConnected)
        {
            return TakeLocally(lane, kind, shape);
        }

        var reserve = kind == HubSpotCallKind.Search ? 0 : HubSpotBudgetShape.ReserveFor(lane);
        try
        {
            await ChargeLocalGrantsAsync();
            var result = (RedisResult[])(await _db.ScriptEvaluateAsync(HubSpotBudgetScripts.Acquire,
                [KeyFor(kind), DailyKey(), EpochKey],
                [
                    shape.Capacity, shape.TokensPerSecond / 1000, reserve, _options.DailyLimit,
                    (long)DailyCounterTtl.TotalSeconds, (long)IdleBucketTtl.TotalMilliseconds, _epoch, _processId,
                ]).WaitAsync(RedisAnswerTimeout, _time))!;
            var epoch = (string)result[3]!;
            if (_epoch != epoch)
            {
                if (_epoch != "")
                {
                    LogNewRedisEpoch(_logger, _epoch, epoch);
                }
                _epoch = epoch;
            }
            return ((long)result[0] == 1, (long)result[1], (long)result[2]);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            MarkRedisAway(ex);
            return TakeLocally(lane, kind, shape);
        }
    }

    // Without the shared bucket, no process may spend more than its share: all of them together then stay within
    // the limit. Only user writes do: someone waits for them, while sync and backfill can wait for Redis.
    private (bool Granted, long WaitMs, long Reason) TakeLocally(HubSpotLane lane, HubSpotCallKind kind, HubSpotBudgetShape shape)
    {
        if (lane != HubSpotLane.UserWrite)
        {
            return (false, (long)RedisRetryAfter.TotalMilliseconds, RedisAway);
        }

        var wait = (kind == HubSpotCallKind.Search ? _localSearch : _localTenSecond).TryTake(LocalShare(shape));
        if (wait == TimeSpan.Zero)
        {
            _metrics.GrantedLocally(lane, kind);
            return (true, 0, 0);
        }

        return (false, Math.Max(1, (long)Math.Ceiling(wait.TotalMilliseconds)), 0);
    }

    private void MarkRedisAway(Exception ex)
    {
        var until = _time.GetTimestamp() + (long)(RedisRetryAfter.TotalSeconds * _time.TimestampFrequency);
        if (Interlocked.Exchange(ref _redisAwayUntil, until) == 0)
        {
            LogRedisAway(_logger, OutageSpenders, ex);
        }
    }

    // Redis answers again: charge the shared bucket for what was spent without it, before taking from it.
    private async Task ChargeLocalGrantsAsync()
    {
        if (Interlocked.Exchange(ref _redisAwayUntil, 0) != 0)
        {
            LogRedisBack(_logger);
        }

        await ChargeAsync(_localTenSecond, TenSecondKey, _tenSecond, TimeSpan.FromSeconds(10));
        await ChargeAsync(_localSearch, SearchKey, _search, TimeSpan.FromSeconds(1));
    }

    private async Task ChargeAsync(LocalHubSpotBucket local, RedisKey key, HubSpotBudgetShape shape, TimeSpan window)
    {
        if (!local.HasGrants)
        {
            return;
        }

        var (recent, total) = local.TakeGrants(window);
        try
        {
            await _db.ScriptEvaluateAsync(HubSpotBudgetScripts.Charge, [key, DailyKey()],
            [
                shape.Capacity, shape.TokensPerSecond / 1000, recent, (long)IdleBucketTtl.TotalMilliseconds,
                (long)DailyCounterTtl.TotalSeconds, total,
            ]).WaitAsync(RedisAnswerTimeout, _time);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            local.ReturnGrants(total);
            throw;
        }
    }

    private HubSpotOverBudgetException OverBudget(HubSpotLane lane, HubSpotCallKind kind, TimeSpan retryAfter, string why)
    {
        _metrics.Rejected(lane, kind);
        LogOverBudget(_logger, lane, kind, why, retryAfter);
        return new HubSpotOverBudgetException(
            $"HubSpot budget exhausted for {lane} ({why}); retry after {Math.Ceiling(retryAfter.TotalSeconds)} s.", lane, retryAfter);
    }

    private TimeSpan EstimatedQueueWait(HubSpotCallKind kind) =>
        TimeSpan.FromSeconds(1 / (kind == HubSpotCallKind.Search ? _search : _tenSecond).TokensPerSecond);

    private RedisKey KeyFor(HubSpotCallKind kind) => kind == HubSpotCallKind.Search ? SearchKey : TenSecondKey;

    // Operators' counts (the dashboard): fire-and-forget, so counting never slows or fails a call.
    private void CountRecent(RedisKey key)
    {
        _db.StringIncrement(key, flags: CommandFlags.FireAndForget);
        _db.KeyExpire(key, UseBucketTtl, CommandFlags.FireAndForget);
    }

    private RedisKey UseKey(string name, DateTimeOffset at) =>
        $"{_keyPrefix}:use:{name}:{at.ToUnixTimeSeconds() / 10}";

    private RedisKey TenSecondKey => $"{_keyPrefix}:ten-second";

    private RedisKey SearchKey => $"{_keyPrefix}:search";

    // Never expires: its absence means Redis lost its data (HubSpotBudgetScripts.Acquire).
    private RedisKey EpochKey => $"{_keyPrefix}:epoch";

    // HubSpot resets the daily counter at midnight in the account's time zone.
    private RedisKey DailyKey() =>
        $"{_keyPrefix}:daily:{TimeZoneInfo.ConvertTime(_time.GetUtcNow(), _accountZone):yyyy-MM-dd}";

    private TimeSpan UntilDailyReset()
    {
        var local = TimeZoneInfo.ConvertTime(_time.GetUtcNow(), _accountZone);
        var midnight = new DateTimeOffset(local.Date.AddDays(1), _accountZone.GetUtcOffset(local.Date.AddDays(1)));
        return midnight - local;
    }

    private static string TokenHash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)))[..16];
}
