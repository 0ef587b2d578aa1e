using MockExams.Exams;

namespace MockExams.Grains.Exams;

/// <summary>
/// A booking whose Idempotency-Key is already queued or in flight in this activation is joined, not queued again: the
/// repeat gets the first one's answer when it comes (the same key with another body is refused). The api sends a
/// booking again with the same key when an attempt is not answered in time or its silo left the cluster
/// (api/Cluster/GrainCallRetry.cs); a first attempt that was merely slow is then joined here, one that was lost with
/// a dead silo is made once by the exam's new activation (its recovery runs first and records the key's answer), and
/// a key answered before is answered from its record (<see cref="FindAnsweredKeysAsync"/>). What is held and for how
/// long: <see cref="KeyedBookings"/>.
/// </summary>
public sealed partial class MockExamGrain
{
    /// <summary>Queues the booking, or joins the one with the same Idempotency-Key already queued, in flight or (api key) answered.</summary>
    private Task<WriteResult> BookOnceAsync(BookingRequest request)
    {
        if (request.IdempotencyKey is not { } key)
        {
            return Enqueue(QueuedWrite.User(new BookCommand(request)));
        }

        if (_keyed.TryFind(key, out var first, out var firstHash))
        {
            return string.Equals(firstHash, request.RequestHash, StringComparison.Ordinal)
                ? first.Done.Task
                : Task.FromResult(WriteResult.Rejected(WriteRejection.IdempotencyKeyReused,
                    "This Idempotency-Key is in use with a different request body."));
        }

        var write = QueuedWrite.User(new BookCommand(request));
        _keyed.Hold(key, write, request.RequestHash, request.KeyMadeByApi);
        return Enqueue(write);
    }
}
