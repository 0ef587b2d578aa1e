using MockExams.Exams;
using MockExams.Grains.Cache;
using MockExams.Grains.Replica;

namespace MockExams.Grains.Exams;

/// <summary>
/// The read side of an exam activation: the activation's in-memory copy of the exact bytes, else Redis, else the
/// replica (never HubSpot). The grain is the only writer of this exam and the only filler of its keys, so it knows
/// exactly when a copy goes stale: when a write starts (<see cref="ReplicaChanging"/>), when its keys are invalidated
/// here or anywhere (<see cref="InvalidationCounter"/>), or while the cache is suspect (<see cref="CacheSuspect"/>);
/// and it keeps none while the silo may miss others' invalidations (<see cref="ExamCache.MemoryEpoch"/>). A caller
/// naming the copy it already holds gets "unchanged" instead of the bytes (<see cref="ExamRead"/>). Concurrent readers
/// of a cold key share one fill, so a miss costs one replica query however many arrive. Touched only on the
/// activation's scheduler, so it needs no locks.
/// </summary>
internal sealed class ExamReads(ExamCache cache, ExamReader reader)
{
    private ResponseSlot? _examSlot;
    private ResponseSlot[]? _bookingSlots;
    private InvalidationCounter? _invalidations;

    /// <summary>
    /// Bumped when a write starts touching the replica and again once it has committed. A cache fill that read
    /// Postgres under an older version is dropped, so a fill that raced a write can never store the pre-write value.
    /// </summary>
    private long _writeVersion;

    /// <summary>
    /// HubSpot holds writes that the replica or Redis may not show yet (one of them failed after HubSpot accepted).
    /// Until a retry succeeds, reads of this exam skip the cache and go to the replica.
    /// </summary>
    public bool CacheSuspect { get; set; }

    /// <summary>Called when a write starts touching the replica and again once it has: fills begun before are dropped.</summary>
    public void ReplicaChanging() => _writeVersion++;

    public Task<ExamRead> GetExamAsync(string examId, Guid? heldCopy, CancellationToken cancellationToken)
    {
        var slot = _examSlot ??= new ResponseSlot(cache.Keys.Exam(examId), bookings: null);
        return FromMemory(examId, slot, heldCopy) ?? ReadThroughAsync(examId, slot, cancellationToken);
    }

    public Task<ExamRead> GetBookingsAsync(string examId, BookingStatusFilter status, Guid? heldCopy, CancellationToken cancellationToken)
    {
        var slot = BookingSlot(examId, status);
        return FromMemory(examId, slot, heldCopy) ?? ReadThroughAsync(examId, slot, cancellationToken);
    }

    private ReadStamp CurrentStamp(string examId) =>
        new(_writeVersion, (_invalidations ??= cache.InvalidationsOf(examId)).Value, cache.MemoryEpoch, CacheSuspect);

    private Task<ExamRead>? FromMemory(string examId, ResponseSlot slot, Guid? heldCopy)
    {
        if (slot.Copy is { } copy && copy.Stamp == CurrentStamp(examId) && Environment.TickCount64 < copy.ExpiresAtMilliseconds)
        {
            cache.Metrics.MemoryHit();
            return copy.AnswerFor(heldCopy);
        }

        return null;
    }

    private Task<ExamRead> ReadThroughAsync(string examId, ResponseSlot slot, CancellationToken cancellationToken)
    {
        var stamp = CurrentStamp(examId);
        if (slot.Fill is not { } fill || fill.Stamp != stamp)
        {
            // A fill under an older stamp may hold pre-write data: a reader arriving after the write must not join it.
            var task = FillAsync(examId, slot, stamp);
            fill = new ResponseSlot.InFlight(task, stamp);
            if (!task.IsCompleted)
            {
                slot.Fill = fill;
            }
        }

        // The fill belongs to every reader sharing it; one reader giving up only stops its own wait.
        return fill.Task.WaitAsync(cancellationToken);
    }

    private async Task<ExamRead> FillAsync(string examId, ResponseSlot slot, ReadStamp stamp)
    {
        try
        {
            if (stamp.CacheSuspect)
            {
                cache.Metrics.RedisBypassed();
            }
            else if (await cache.GetWithTimeToLiveAsync(slot.Key) is { Body: { } cached } lookup)
            {
                return Answer(examId, slot, stamp, new JsonBody(cached), lookup.TimeToLive ?? cache.NextTtl());
            }

            var body = slot.Bookings is { } status
                ? await reader.GetBookingsBodyAsync(examId, status, CancellationToken.None)
                : await reader.GetExamBodyAsync(examId, CancellationToken.None);
            if (body is null)
            {
                return ExamRead.NotFound;
            }

            var json = new JsonBody(body);
            if (stamp.CacheSuspect || stamp != CurrentStamp(examId))
            {
                return ExamRead.Fresh(json, copyId: null);
            }

            // No write started, no invalidation ran and the cache is trusted: what Postgres returned is current.
            // SetAsync hands the SET to Redis before this turn yields, so the DEL of any later write follows it.
            var timeToLive = cache.NextTtl();
            var stored = cache.SetAsync(slot.Key, body, timeToLive);
            var answer = Answer(examId, slot, stamp, json, timeToLive);
            await stored;
            return answer;
        }
        finally
        {
            if (slot.Fill?.Stamp == stamp)
            {
                slot.Fill = null;
            }
        }
    }

    /// <summary>
    /// The body, kept as the activation's copy when the stamp still holds and copies may be kept (then it carries
    /// the copy's id, so the caller may keep the bytes too and name them next time).
    /// </summary>
    private ExamRead Answer(string examId, ResponseSlot slot, ReadStamp stamp, JsonBody body, TimeSpan timeToLive)
    {
        // Never outlive the Redis entry: it bounds staleness should the replica ever change behind the grain's back.
        if (stamp.CacheSuspect || stamp.MemoryEpoch is null || stamp != CurrentStamp(examId))
        {
            return ExamRead.Fresh(body, copyId: null);
        }

        var copy = new ResponseSlot.Snapshot(body, stamp, Environment.TickCount64 + (long)timeToLive.TotalMilliseconds);
        slot.Copy = copy;
        return ExamRead.Fresh(body, copy.Id);
    }

    private ResponseSlot BookingSlot(string examId, BookingStatusFilter status)
    {
        var slots = _bookingSlots ??= new ResponseSlot[Enum.GetValues<BookingStatusFilter>().Length];
        var index = (int)status;
        if ((uint)index >= (uint)slots.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown booking status filter.");
        }

        return slots[index] ??= new ResponseSlot(cache.Keys.ExamBookings(examId, status), status);
    }
}
