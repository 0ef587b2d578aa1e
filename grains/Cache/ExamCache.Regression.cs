using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace MockExams.Grains.Cache;

// Redis going back in time: a failover to a replica that missed the last writes (or a restart without persistence, a
// FLUSHALL). The invalidations it missed bring back bodies older than acknowledged writes, and the catalog generation
// goes backwards, so list keys of an older generation are reachable again. The generation only ever grows while Redis
// keeps its data, and every invalidation sends its DEL before its INCR, so a Redis that lost a DEL also lost the INCR
// after it: a generation lower than one this process has seen proves the regression. It is then a new Redis epoch:
// the process's in-memory copies are void, the generation is moved past everything the process saw (older list keys
// unreachable), and every exam body in Redis is dropped before this process reads one again (lookups miss meanwhile).
// Limit: a process that never saw the later generation (it started after the lost writes) cannot tell; the process
// that made a write always saw it (INCR answers the new value), and exam bodies are read by the grain that writes them.
public sealed partial class ExamCache
{
    // Moves the generation to just past the highest one seen, unless another process already moved it further.
    private static readonly LuaScript AdvanceGeneration = LuaScript.Prepare(
        """
        local current = tonumber(redis.call('GET', @key) or '0')
        local floor = tonumber(@floor)
        if current <= floor then
          redis.call('SET', @key, floor + 1)
          return floor + 1
        end
        return current
        """);

    private long _generationHighWater = -1;   // the highest catalog generation this process has seen; -1: none yet
    private volatile bool _purgeOwed;
    private int _recovering;

    /// <summary>True while a confirmed regression's purge of exam bodies is owed: lookups miss instead of reading Redis.</summary>
    private bool PurgeOwed
    {
        get
        {
            if (!_purgeOwed)
            {
                return false;
            }

            StartRecovery(Volatile.Read(ref _generationHighWater));
            return true;
        }
    }

    /// <summary>
    /// Records a generation Redis answered. True when it is lower than one this process saw: the caller must not trust
    /// what it read with it (a lookup misses, a catalog read bypasses the cache). A lower value can also be a race (a
    /// GET answered before an INCR whose answer was handled first), so the regression is confirmed by a fresh read
    /// before a new epoch starts.
    /// </summary>
    private bool WentBack(long generation)
    {
        while (true)
        {
            var seen = Volatile.Read(ref _generationHighWater);
            if (generation < seen)
            {
                StartRecovery(seen);
                return true;
            }

            if (generation == seen || Interlocked.CompareExchange(ref _generationHighWater, generation, seen) == seen)
            {
                return false;
            }
        }
    }

    private static long GenerationOf(RedisValue value) => value.IsNull ? 0 : (long)value;

    private void StartRecovery(long seen)
    {
        if (Interlocked.Exchange(ref _recovering, 1) == 0)
        {
            _ = RecoverAsync(seen);
        }
    }

    private async Task RecoverAsync(long seen)
    {
        try
        {
            if (!_purgeOwed)
            {
                // Issued after `seen` was answered: a Redis that kept its data answers at least that much.
                var now = GenerationOf(await WithinTimeout(_db.StringGetAsync(keys.CatalogGeneration)));
                if (now >= seen)
                {
                    return;   // a race between replies, not a regression
                }

                LogRedisWentBack(logger, now, seen);
                _purgeOwed = true;
                Interlocked.Increment(ref _memoryEpoch);   // every in-memory copy of this process is void
            }

            var floor = Volatile.Read(ref _generationHighWater);
            var advanced = (long)await WithinTimeout(_db.ScriptEvaluateAsync(AdvanceGeneration, new { key = keys.CatalogGeneration, floor }));
            InterlockedMax(ref _generationHighWater, advanced);
            var dropped = await DropExamBodiesAsync();
            _purgeOwed = false;
            Interlocked.Increment(ref _memoryEpoch);   // and any copy made while the purge ran
            LogRedisEpochStarted(logger, advanced, dropped);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Still owed when it was confirmed: the next lookup starts it again, and misses meanwhile.
            LogRecoveryFailed(logger, ex);
        }
        finally
        {
            Volatile.Write(ref _recovering, 0);
        }
    }

    private async Task<long> DropExamBodiesAsync()
    {
        long dropped = 0;
        foreach (var endpoint in redis.GetEndPoints())
        {
            var server = redis.GetServer(endpoint);
            if (!server.IsConnected || server.IsReplica)
            {
                continue;
            }

            var batch = new List<RedisKey>(500);
            await foreach (var key in server.KeysAsync(pattern: keys.AllExamBodiesPattern, pageSize: 1000))
            {
                batch.Add(key);
                if (batch.Count == 500)
                {
                    dropped += await WithinTimeout(_db.KeyDeleteAsync([.. batch]));
                    batch.Clear();
                }
            }

            if (batch.Count > 0)
            {
                dropped += await WithinTimeout(_db.KeyDeleteAsync([.. batch]));
            }
        }

        return dropped;
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Volatile.Read(ref target);
        while (value > current && Interlocked.CompareExchange(ref target, value, current) is var seen && seen != current)
        {
            current = seen;
        }
    }

    [LoggerMessage(EventId = 3010, Level = LogLevel.Warning,
        Message = "Redis went back in time (catalog generation {Found}, this process saw {Seen}): a failover to a stale replica or lost data; cached bodies are dropped")]
    private static partial void LogRedisWentBack(ILogger logger, long found, long seen);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Information,
        Message = "New Redis epoch: catalog generation moved to {Generation}, {Dropped} exam bodies dropped")]
    private static partial void LogRedisEpochStarted(ILogger logger, long generation, long dropped);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Warning, Message = "Checking or recovering from an older Redis epoch failed; retried on the next read")]
    private static partial void LogRecoveryFailed(ILogger logger, Exception exception);
}
