using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace MockExams.Grains.Cache;

/// <summary>
/// Cached response bodies in Redis: the exact bytes the api sends. Exam keys are written only by the exam's grain,
/// catalog keys only by the catalog fill grain of that key. Lookups never throw: a Redis failure reads as
/// <see cref="CacheLookup.Unavailable"/> (and counts towards the <see cref="CacheCircuit"/>), so a read falls back
/// to the replica. Invalidations do throw, so the write path knows the cache can no longer be trusted.
/// Every invalidation is also published, so each process voids its exam grains' in-memory copies of that exam,
/// whoever invalidated (the grain's write path on its own silo, or a backfill in another silo or the CLI).
/// </summary>
public sealed partial class ExamCache(
    IConnectionMultiplexer redis, CacheKeys keys, CacheCircuit circuit, CacheMetrics metrics,
    IOptions<CacheOptions> options, ILogger<ExamCache> logger)
{
    private readonly IDatabase _db = redis.GetDatabase();
    private readonly TimeSpan _ttl = TimeSpan.FromSeconds(options.Value.TtlSeconds);
    private readonly double _jitter = options.Value.TtlJitterPercent / 100.0;
    private readonly TimeSpan _timeout = TimeSpan.FromMilliseconds(options.Value.RedisTimeoutMilliseconds);

    public CacheKeys Keys => keys;

    public CacheMetrics Metrics => metrics;

    /// <summary>The TTL for one fill: the configured TTL spread uniformly by the jitter either side.</summary>
    public TimeSpan NextTtl() => _ttl * (1 + _jitter * (2 * Random.Shared.NextDouble() - 1));

    public async ValueTask<CacheLookup> GetAsync(RedisKey key)
    {
        if (!circuit.AllowsAttempt())
        {
            metrics.RedisBypassed();
            return CacheLookup.Unavailable;
        }

        if (PurgeOwed)
        {
            metrics.Miss();
            return CacheLookup.Miss;
        }

        try
        {
            // The generation rides along (same connection, one round trip): a lower one than seen means Redis went
            // back in time, and the body may predate an acknowledged write (ExamCache.Regression.cs).
            var generation = _db.StringGetAsync(keys.CatalogGeneration);
            var value = _db.StringGetAsync(key);
            await WithinTimeout(Task.WhenAll(generation, value));
            Succeeded();
            return WentBack(GenerationOf(generation.Result)) ? Missed() : Found(value.Result, null);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Failed("GET", key, ex);
            return CacheLookup.Unavailable;
        }
    }

    /// <summary>Like <see cref="GetAsync"/>, also returning the key's remaining TTL (one round trip).</summary>
    public async ValueTask<CacheLookup> GetWithTimeToLiveAsync(RedisKey key)
    {
        if (!circuit.AllowsAttempt())
        {
            metrics.RedisBypassed();
            return CacheLookup.Unavailable;
        }

        if (PurgeOwed)
        {
            metrics.Miss();
            return CacheLookup.Miss;
        }

        try
        {
            var generation = _db.StringGetAsync(keys.CatalogGeneration);
            var value = _db.StringGetWithExpiryAsync(key);
            await WithinTimeout(Task.WhenAll(generation, value));
            Succeeded();
            return WentBack(GenerationOf(generation.Result)) ? Missed() : Found(value.Result.Value, value.Result.Expiry);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Failed("GET", key, ex);
            return CacheLookup.Unavailable;
        }
    }

    /// <summary>
    /// Stores a response. The SET is handed to the connection before this method returns (it is not an async
    /// method on purpose): a caller that checked its write version in the same turn knows that any later
    /// invalidation's DEL reaches Redis after this SET. Never throws; a failure counts towards the circuit.
    /// </summary>
    public Task SetAsync(RedisKey key, byte[] body, TimeSpan timeToLive)
    {
        if (!circuit.AllowsAttempt())
        {
            return Task.CompletedTask;
        }

        return ObserveSetAsync(_db.StringSetAsync(key, body, timeToLive), key);
    }

    /// <summary>The current generation of list and aggregate keys; null when Redis does not answer, or went back in time.</summary>
    public async ValueTask<long?> GetCatalogGenerationAsync()
    {
        if (!circuit.AllowsAttempt())
        {
            metrics.RedisBypassed();
            return null;
        }

        try
        {
            var value = await WithinTimeout(_db.StringGetAsync(keys.CatalogGeneration));
            Succeeded();
            // Gone backwards: keys of this generation may predate acknowledged writes; read the replica instead.
            var generation = GenerationOf(value);
            return PurgeOwed || WentBack(generation) ? null : generation;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Failed("GET", keys.CatalogGeneration, ex);
            return null;
        }
    }

    private CacheLookup Missed()
    {
        metrics.Miss();
        return CacheLookup.Miss;
    }

    private CacheLookup Found(RedisValue value, TimeSpan? timeToLive)
    {
        if (value.IsNull)
        {
            metrics.Miss();
            return CacheLookup.Miss;
        }

        metrics.Hit();
        return CacheLookup.Hit((byte[])value!, timeToLive);   // not null: checked above
    }

    private async Task ObserveSetAsync(Task<bool> command, RedisKey key)
    {
        try
        {
            await WithinTimeout(command);
            Succeeded();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Failed("SET", key, ex);
        }
    }

    private async Task<T> WithinTimeout<T>(Task<T> command)
    {
        await WithinTimeout((Task)command);
        return await command;
    }

    private async Task WithinTimeout(Task command)
    {
        try
        {
            await command.WaitAsync(_timeout);
        }
        catch (TimeoutException)
        {
            // The command may still fail later; observe it so it is not reported as an unobserved task exception.
            _ = command.ContinueWith(static t => t.Exception, CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw;
        }
    }

    private void Succeeded()
    {
        if (circuit.Succeeded())
        {
            LogRedisBack(logger);
        }
    }

    private void Failed(string command, string? key, Exception exception)
    {
        metrics.RedisUnavailable();
        LogRedisFailed(logger, command, key, exception);
        if (circuit.Failed())
        {
            LogCircuitOpened(logger, options.Value.CircuitBreakAfterFailures, options.Value.CircuitBreakSeconds);
        }
    }
}
