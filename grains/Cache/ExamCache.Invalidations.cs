using System.Collections.Concurrent;
using StackExchange.Redis;

namespace MockExams.Grains.Cache;

// Invalidation: the write path's contract (InvalidateExamAsync), and what each process hears of everyone's
// invalidations, which decides whether its exam grains may keep in-memory copies.
public sealed partial class ExamCache
{
    private readonly ConcurrentDictionary<string, InvalidationCounter> _invalidations = new(StringComparer.Ordinal);
    private long _memoryEpoch;
    private volatile bool _listening;
    private int _subscribed;

    /// <summary>
    /// After a write to one exam reached the replica: deletes every cached response of that exam (its body and
    /// every bookings variant), bumps the catalog generation, so no list or aggregate cached before the write is
    /// read again, and publishes the exam's id. The exam grain calls it after its replica commit: the in-memory
    /// copies of this process are void from the start of the call, even if Redis then fails. Called from another
    /// process (a backfill), the exam grain's copies are void when the published id reaches its silo.
    /// </summary>
    /// <exception cref="CacheUnavailableException">Redis did not confirm both in time: treat the exam's cache as suspect and retry.</exception>
    public async Task InvalidateExamAsync(string examId)
    {
        InvalidationsOf(examId).Increment();
        var generation = Task.FromResult(0L);
        await InvalidateAsync(
            Task.WhenAll(
                _db.KeyDeleteAsync(keys.AllOfExam(examId)),
                generation = _db.StringIncrementAsync(keys.CatalogGeneration),
                _db.PublishAsync(keys.InvalidationChannel, examId)),
            $"exam {examId}");
        WentBack(generation.Result);   // the process's high-water mark (ExamCache.Regression.cs)
    }

    /// <summary>This process's invalidation count of one exam (see <see cref="InvalidationCounter"/>).</summary>
    public InvalidationCounter InvalidationsOf(string examId) => _invalidations.GetOrAdd(examId, static _ => new());

    /// <summary>
    /// Null while this process does not hear invalidations (not yet subscribed, or the subscription is down): then
    /// no in-memory copy may be kept. Otherwise a number that changes whenever hearing stopped or started, so a
    /// copy made before a gap, when messages may have been missed, is never trusted after it.
    /// </summary>
    public long? MemoryEpoch => _listening ? Volatile.Read(ref _memoryEpoch) : null;

    /// <summary>Subscribes to invalidations from every process; called once at start (<see cref="CacheInvalidationListener"/>).</summary>
    public async Task ListenAsync()
    {
        redis.ConnectionFailed += (_, failed) =>
        {
            if (failed.ConnectionType == ConnectionType.Subscription)
            {
                Hearing(false);
            }
        };
        redis.ConnectionRestored += (_, restored) =>
        {
            if (restored.ConnectionType != ConnectionType.Subscription)
            {
                return;
            }

            // Messages published while the subscription was down are lost: start over with a new epoch (the client
            // subscribes again by itself; a subscription that never succeeded is made now).
            if (Volatile.Read(ref _subscribed) == 1)
            {
                Hearing(true);
            }
            else
            {
                _ = SubscribeAsync();
            }
        };
        await SubscribeAsync();
    }

    private async Task InvalidateAsync(Task commands, string what)
    {
        try
        {
            await WithinTimeout(commands);
            Succeeded();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Failed("invalidate", what, ex);
            throw new CacheUnavailableException($"Redis did not confirm the invalidation of {what}.", ex);
        }
    }

    private async Task SubscribeAsync()
    {
        try
        {
            await WithinTimeout(redis.GetSubscriber().SubscribeAsync(keys.InvalidationChannel, (_, examId) =>
            {
                if (!examId.IsNullOrEmpty)
                {
                    InvalidationsOf(examId.ToString()).Increment();
                }
            }));
            Volatile.Write(ref _subscribed, 1);
            Hearing(true);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogNotListening(logger, ex);
        }
    }

    private void Hearing(bool listening)
    {
        Interlocked.Increment(ref _memoryEpoch);
        if (_listening != listening)
        {
            _listening = listening;
            LogListening(logger, listening);
        }
    }
}
