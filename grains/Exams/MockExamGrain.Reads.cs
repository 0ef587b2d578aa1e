using MockExams.Exams;
using MockExams.Grains.Cache;

namespace MockExams.Grains.Exams;

// Reads of one exam: the activation's in-memory copy of the exact bytes, else Redis, else the replica (never HubSpot).
// The grain is the only writer of this exam and the only filler of its keys, so it knows exactly when a copy goes
// stale: when a write starts (_writeVersion), when its keys are invalidated here or anywhere (InvalidationCounter),
// or while the cache is suspect; and it keeps none while the silo may miss others' invalidations (MemoryEpoch).
// A caller naming the copy it already holds gets "unchanged" instead of the bytes (ExamRead).
// Concurrent readers of a cold key share one fill, so a miss costs one replica query however many arrive.
public sealed partial class MockExamGrain
{
    private ResponseSlot? _examSlot;
    private ResponseSlot[]? _bookingSlots;
    private InvalidationCounter? _invalidations;

    public Task<ExamRead> GetExamAsync(Guid? heldCopy = null, CancellationToken cancellationToken = default)
    {
        var slot = _examSlot ??= new ResponseSlot(cache.Keys.Exam(ExamId), bookings: null);
        return FromMemory(slot, heldCopy) ?? ReadThroughAsync(slot, cancellationToken);
    }

    public Task<ExamRead> GetBookingsAsync(BookingStatusFilter status, Guid? heldCopy = null, CancellationToken cancellationToken = default)
    {
        var slot = BookingSlot(status);
        return FromMemory(slot, heldCopy) ?? ReadThroughAsync(slot, cancellationToken);
    }

    private ReadStamp CurrentStamp() =>
        new(_writeVersion, (_invalidations ??= cache.InvalidationsOf(ExamId)).Value, cache.MemoryEpoch, _cacheSuspect);

    private Task<ExamRead>? FromMemory(ResponseSlot slot, Guid? heldCopy)
    {
        if (slot.Copy is { } copy && copy.Stamp == CurrentStamp() && Environment.TickCount64 < copy.ExpiresAtMilliseconds)
        {
            cache.Metrics.MemoryHit();
            return copy.AnswerFor(heldCopy);
        }

        return null;
    }

    private Task<ExamRead> ReadThroughAsync(ResponseSlot slot, CancellationToken cancellationToken)
    {
        var stamp = CurrentStamp();
        if (slot.Fill is not { } fill || fill.Stamp != stamp)
        {
            // A fill under an older stamp may hold pre-write data: a reader arriving after the write must not join it.
            var task = FillAsync(slot, stamp);
            fill = new ResponseSlot.InFlight(task, stamp);
            if (!task.IsCompleted)
            {
                slot.Fill = fill;
            }
        }

        // The fill belongs to every reader sharing it; one reader giving up only stops its own wait.
        return fill.Task.WaitAsync(cancellationToken);
    }

    private async Task<ExamRead> FillAsync(ResponseSlot slot, ReadStamp stamp)
    {
        try
        {
            if (stamp.CacheSuspect)
            {
                cache.Metrics.RedisBypassed();
            }
            else if (await cache.GetWithTimeToLiveAsync(slot.Key) is { Body: { } cached } lookup)
            {
                return Answer(slot, stamp, new JsonBody(cached), lookup.TimeToLive ?? cache.NextTtl());
            }

            var body = slot.Bookings is { } status
                ? await reader.GetBookingsBodyAsync(ExamId, status, CancellationToken.None)
                : await reader.GetExamBodyAsync(ExamId, CancellationToken.None);
            if (body is null)
            {
                return ExamRead.NotFound;
            }

            var json = new JsonBody(body);
            if (stamp.CacheSuspect || stamp != CurrentStamp())
            {
                return ExamRead.Fresh(json, copyId: null);
            }

            // No write started, no invalidation ran and the cache is trusted: what Postgres returned is current.
            // SetAsync hands the SET to Redis before this turn yields, so the DEL of any later write follows it.
            var timeToLive = cache.NextTtl();
            var stored = cache.SetAsync(slot.Key, body, timeToLive);
            var answer = Answer(slot, stamp, json, timeToLive);
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
    private ExamRead Answer(ResponseSlot slot, ReadStamp stamp, JsonBody body, TimeSpan timeToLive)
    {
        // Never outlive the Redis entry: it bounds staleness should the replica ever change behind the grain's back.
        if (stamp.CacheSuspect || stamp.MemoryEpoch is null || stamp != CurrentStamp())
        {
            return ExamRead.Fresh(body, copyId: null);
        }

        var copy = new ResponseSlot.Snapshot(body, stamp, Environment.TickCount64 + (long)timeToLive.TotalMilliseconds);
        slot.Copy = copy;
        return ExamRead.Fresh(body, copy.Id);
    }

    private ResponseSlot BookingSlot(BookingStatusFilter status)
    {
        var slots = _bookingSlots ??= new ResponseSlot[Enum.GetValues<BookingStatusFilter>().Length];
        var index = (int)status;
        if ((uint)index >= (uint)slots.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown booking status filter.");
        }

        return slots[index] ??= new ResponseSlot(cache.Keys.ExamBookings(ExamId, status), status);
    }
}
