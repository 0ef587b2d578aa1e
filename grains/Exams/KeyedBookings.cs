namespace MockExams.Grains.Exams;

/// <summary>
/// The bookings of one exam activation that carry an Idempotency-Key and are queued, in flight or (api-made key)
/// recently answered, so a repeat of one joins it instead of being queued again. Touched only on the activation's
/// scheduler.
/// </summary>
/// <remarks>
/// A key the client sent is forgotten once answered: the client may send it again after a "retry later", and that
/// repeat must be decided afresh. A key the api made is never sent again once answered, so an attempt of it that
/// arrives later is a straggler of the same HTTP request, whose client may already hold an answer: it gets the same
/// one, kept for <see cref="MadeKeyAnswerKept"/>, and can never be decided again.
/// </remarks>
internal sealed class KeyedBookings(TimeProvider time)
{
    /// <summary>
    /// How long the answer to an api-made key stays: longer than any attempt of it can still be on its way, since
    /// Orleans drops a request older than its response timeout (30 s) before running it.
    /// </summary>
    public static readonly TimeSpan MadeKeyAnswerKept = TimeSpan.FromMinutes(2);

    private readonly Dictionary<string, Entry> _byKey = new(StringComparer.Ordinal);
    private readonly Queue<(string Key, Entry Entry, DateTimeOffset ForgetAt)> _answeredMadeKeys = new();

    /// <summary>The write already holding <paramref name="key"/> and its request's hash, if any.</summary>
    public bool TryFind(string key, out QueuedWrite write, out string? requestHash)
    {
        ForgetOldMadeKeys();
        if (_byKey.TryGetValue(key, out var entry))
        {
            (write, requestHash) = (entry.Write, entry.RequestHash);
            return true;
        }

        (write, requestHash) = (null!, null);
        return false;
    }

    /// <summary>Holds <paramref name="key"/> for <paramref name="write"/> until it is answered (api-made: a while after).</summary>
    public void Hold(string key, QueuedWrite write, string? requestHash, bool madeByApi)
    {
        var entry = new Entry(write, requestHash, madeByApi);
        _byKey[key] = entry;
        _ = ForgetWhenAnsweredAsync(key, entry);
    }

    private async Task ForgetWhenAnsweredAsync(string key, Entry entry)
    {
        // Resumes on the activation's scheduler; a failed write's exception is its callers' to see.
        await ((Task)entry.Write.Done.Task).ConfigureAwait(
            ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        if (entry.MadeByApi)
        {
            _answeredMadeKeys.Enqueue((key, entry, time.GetUtcNow() + MadeKeyAnswerKept));
        }
        else
        {
            Forget(key, entry);
        }
    }

    private void ForgetOldMadeKeys()
    {
        var now = time.GetUtcNow();
        while (_answeredMadeKeys.TryPeek(out var oldest) && oldest.ForgetAt <= now)
        {
            _answeredMadeKeys.Dequeue();
            Forget(oldest.Key, oldest.Entry);
        }
    }

    private void Forget(string key, Entry entry)
    {
        if (_byKey.TryGetValue(key, out var current) && ReferenceEquals(current, entry))
        {
            _byKey.Remove(key);
        }
    }

    private sealed record Entry(QueuedWrite Write, string? RequestHash, bool MadeByApi);
}
