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
/// </summary>
public sealed partial class RedisHubSpotBudget : IHubSpotBudget, IDisposable
{
    private static readonly TimeSpan IdleBucketTtl = TimeSpan.FromHours(1);
    private static readonly TimeSpan DailyCounterTtl = TimeSpan.FromDays(2);
    private static readonly TimeSpan UseBucketTtl = TimeSpan.FromMinutes(2);
    private const int UseBuckets = 6;
    private const string RateLimitedUse = "429";

    private readonly IDatabase _db;
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
        HubSpotMetrics metrics, ILogger<RedisHubSpotBudget> logger)
    {
        _db = redis.GetDatabase();
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
                var wait = reason == 2 ? UntilDailyReset() : TimeSpan.FromMilliseconds(waitMs);
                if (waited + wait > maxWait)
                {
                    throw OverBudget(lane, kind, wait, reason switch
                    {
                        1 => "HubSpot answered 429 and the budget is paused",
                        2 => "the daily limit is spent",
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
        var result = await _db.ScriptEvaluateAsync(HubSpotBudgetScripts.Pause, keys,
            [(long)window.TotalMilliseconds, (long)IdleBucketTtl.TotalMilliseconds]);
        var paused = TimeSpan.FromMilliseconds((long)result);
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

    private async Task<(bool Granted, long WaitMs, long Reason)> TryTakeAsync(HubSpotLane lane, HubSpotCallKind kind, HubSpotBudgetShape shape)
    {
        var reserve = kind == HubSpotCallKind.Search ? 0 : HubSpotBudgetShape.ReserveFor(lane);
        try
        {
            var result = (RedisResult[])(await _db.ScriptEvaluateAsync(HubSpotBudgetScripts.Acquire,
                [KeyFor(kind), DailyKey()],
                [
                    shape.Capacity, shape.TokensPerSecond / 1000, reserve, _options.DailyLimit,
                    (long)DailyCounterTtl.TotalSeconds, (long)IdleBucketTtl.TotalMilliseconds,
                ]))!;
            return ((long)result[0] == 1, (long)result[1], (long)result[2]);
        }
        catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
        {
            // Without the shared budget no process may call HubSpot: one that did could spend the whole
            // cluster's budget. Fail closed, as "over budget, retry shortly".
            _metrics.Rejected(lane, kind);
            LogBudgetUnavailable(_logger, lane, kind, ex);
            throw new HubSpotOverBudgetException(
                $"The shared HubSpot budget (Redis) is unavailable ({ex.GetType().Name}); retry shortly.", lane, TimeSpan.FromSeconds(1), inner: ex);
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
