using MockExams.Exams;

namespace MockExams.Grains.Exams;

/// <summary>
/// A booking whose Idempotency-Key is already queued or in flight in this activation is joined, not queued again: the
/// repeat gets the first one's answer when it comes (the same key with another body is refused). The api sends a
/// booking again with the same key when an attempt is not answered in time or its silo left the cluster
/// (api/Cluster/GrainCallRetry.cs); a first attempt that was merely slow is then joined here, one that was lost with
/// a dead silo is made once by the exam's new activation (its recovery runs first and records the key's answer), and
/// a key answered before is answered from its record (<see cref="FindAnsweredKeysAsync"/>).
/// </summary>
/// <remarks>
/// A key the client sent is forgotten here once answered: the client may send it again after a "retry later", and
/// that repeat must be decided afresh. A key the api made (<see cref="BookingRequest.KeyMadeByApi"/>) is never sent
/// again once answered, so an attempt of it that arrives later is a straggler of the same HTTP request, whose client
/// may already hold a 503: it gets the same answer, kept for <see cref="MadeKeyAnswerKept"/>, and can never be decided
/// again (e.g. booked after its client was told "retry later").
/// </remarks>
public sealed partial class MockExamGrain
{
    /// <summary>
    /// How long the answer to an api-made key stays here: longer than any attempt of it can still be on its way, since
    /// Orleans drops a request older than its response timeout (30 s) before running it.
    /// </summary>
    private static readonly TimeSpan MadeKeyAnswerKept = TimeSpan.FromMinutes(2);

    private readonly Dictionary<string, KeyedBooking> _keyedBookings = new(StringComparer.Ordinal);
    private readonly Queue<(string Key, KeyedBooking Booking, DateTimeOffset ForgetAt)> _answeredMadeKeys = new();

    /// <summary>Queues the booking, or joins the one with the same Idempotency-Key already queued, in flight or (api key) answered.</summary>
    private Task<WriteResult> BookOnceAsync(BookingRequest request)
    {
        if (request.IdempotencyKey is not { } key)
        {
            return Enqueue(QueuedWrite.User(new BookCommand(request)));
        }

        ForgetOldMadeKeys();
        if (_keyedBookings.TryGetValue(key, out var first))
        {
            return string.Equals(first.RequestHash, request.RequestHash, StringComparison.Ordinal)
                ? first.Write.Done.Task
                : Task.FromResult(WriteResult.Rejected(WriteRejection.IdempotencyKeyReused,
                    "This Idempotency-Key is in use with a different request body."));
        }

        var write = QueuedWrite.User(new BookCommand(request));
        var keyed = new KeyedBooking(write, request.RequestHash, request.KeyMadeByApi);
        _keyedBookings[key] = keyed;
        _ = ForgetWhenAnsweredAsync(key, keyed);
        return Enqueue(write);
    }

    private async Task ForgetWhenAnsweredAsync(string key, KeyedBooking keyed)
    {
        // Resumes on this activation (the grain's scheduler); a failed write's exception is its callers' to see.
        await ((Task)keyed.Write.Done.Task).ConfigureAwait(
            ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        if (keyed.MadeByApi)
        {
            _answeredMadeKeys.Enqueue((key, keyed, time.GetUtcNow() + MadeKeyAnswerKept));
        }
        else
        {
            Forget(key, keyed);
        }
    }

    private void ForgetOldMadeKeys()
    {
        var now = time.GetUtcNow();
        while (_answeredMadeKeys.TryPeek(out var oldest) && oldest.ForgetAt <= now)
        {
            _answeredMadeKeys.Dequeue();
            Forget(oldest.Key, oldest.Booking);
        }
    }

    private void Forget(string key, KeyedBooking keyed)
    {
        if (_keyedBookings.TryGetValue(key, out var current) && ReferenceEquals(current, keyed))
        {
            _keyedBookings.Remove(key);
        }
    }

    private sealed record KeyedBooking(QueuedWrite Write, string? RequestHash, bool MadeByApi);
}
