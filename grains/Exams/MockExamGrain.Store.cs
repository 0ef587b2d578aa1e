using System.Data.Common;
using MockExams.Exams;
using MockExams.Grains.Replica;
using Orleans.Storage;
using StackExchange.Redis;

namespace MockExams.Grains.Exams;

/// <summary>The grain's own storage steps: admission state, idempotency records, replica commits, cache, journal.</summary>
public sealed partial class MockExamGrain
{
    /// <summary>
    /// The replica's view of the exam, then what this grain owes the replica, then the journal's unsettled bookings:
    /// a seat whose create may have landed stays taken until HubSpot's answer is known.
    /// </summary>
    private async Task<ExamAdmission> LoadAdmissionAsync()
    {
        if (_admission is not null)
        {
            return _admission;
        }

        var loaded = await admissionReader.LoadAsync(ExamId, CancellationToken.None);
        if (_debt.ReplicaOwed.Exam is { } exam)
        {
            Apply(loaded, exam);
        }

        loaded.Archived |= _debt.ReplicaOwed.ArchiveExam;
        foreach (var booking in _debt.ReplicaOwed.Bookings)
        {
            Apply(loaded, booking);
        }

        foreach (var booking in state.State.Intents.SelectMany(i => i.Creates.Concat(i.Unsent)))
        {
            if (loaded.FindActive(booking.BookingId) is null)
            {
                loaded.Hold(new ActiveBooking(booking.BookingId, null, booking.ContactId));
            }
        }

        if (!loaded.ReplicaFilling)
        {
            _admission = loaded;   // kept: from here on only this grain's writes and remote changes move it
        }

        return loaded;
    }

    private static void Apply(ExamAdmission admission, BookingRecord booking)
    {
        if (booking.IsActive && !booking.Archived)
        {
            admission.Hold(new ActiveBooking(booking.BookingId, booking.HubSpotId, booking.ContactId ?? ""));
        }
        else
        {
            admission.Release(booking.BookingId);
        }
    }

    private static void Apply(ExamAdmission admission, ExamRecord exam)
    {
        admission.Exists = true;
        admission.Capacity = exam.Capacity ?? 0;
        admission.IsActive = exam.IsActive;
        admission.ExamDate = exam.ExamDate;
        admission.Archived = exam.Archived;
    }

    /// <summary>First answers already given for the Idempotency-Keys of this batch: owed to the replica, else stored there.</summary>
    private async Task<Dictionary<string, IdempotencyRecord>> FindAnsweredKeysAsync(List<QueuedWrite> batch)
    {
        var keys = batch.Select(w => (w.Command as BookCommand)?.Request.IdempotencyKey).OfType<string>().Distinct().ToList();
        if (keys is [])
        {
            return [];
        }

        var answered = _debt.ReplicaOwed.IdempotencyRecords.Where(r => keys.Contains(r.Key)).ToDictionary(r => r.Key);
        var unknown = keys.Where(k => !answered.ContainsKey(k)).ToList();
        if (unknown is not [])
        {
            foreach (var record in await idempotency.FindAsync(unknown, CancellationToken.None))
            {
                answered[record.Key] = record;
            }
        }

        return answered;
    }

    /// <summary>
    /// Requests whose key was answered before get that answer now; a second request with the same key in this batch
    /// waits for the first one's answer. The rest are decided.
    /// </summary>
    private static (List<QueuedWrite> ToDecide, List<(QueuedWrite Repeat, QueuedWrite First)> Followers) SplitRepeats(
        List<QueuedWrite> batch, Dictionary<string, IdempotencyRecord> answered)
    {
        List<QueuedWrite> toDecide = [];
        List<(QueuedWrite, QueuedWrite)> followers = [];
        Dictionary<string, QueuedWrite> firstByKey = [];
        foreach (var write in batch)
        {
            if (write.Command is BookCommand { Request: { IdempotencyKey: { } key } request })
            {
                if (answered.TryGetValue(key, out var record))
                {
                    var outcome = IdempotentAnswers.Replay(record, request.RequestHash);
                    write.Answer(new WriteResult(outcome.Rejection, outcome.RetryAfter, outcome.Detail, outcome.Booking));
                    continue;
                }

                if (firstByKey.TryGetValue(key, out var first))
                {
                    followers.Add((write, first));
                    continue;
                }

                firstByKey[key] = write;
            }

            toDecide.Add(write);
        }

        return (toDecide, followers);
    }

    private static void RememberAnswer(QueuedWrite write, WriteResult result, List<IdempotencyRecord> keyRecords)
    {
        if (write.Command is BookCommand { Request.IdempotencyKey: not null } book)
        {
            keyRecords.Add(IdempotentAnswers.ToRecord(book.Request, ToOutcome(result)));
        }
    }

    private static void RememberAnswer(IntendedBooking booking, WriteResult result, List<IdempotencyRecord> keyRecords)
    {
        if (booking.IdempotencyKey is not null)
        {
            keyRecords.RemoveAll(r => r.Key == booking.IdempotencyKey);
            keyRecords.Add(IdempotentAnswers.ToRecord(booking, ToOutcome(result)));
        }
    }

    private static BookingOutcome ToOutcome(WriteResult result) => new(result.Booking, result.Rejection, result.RetryAfter, result.Detail);

    /// <summary>
    /// One replica transaction with everything owed so far. On failure the commit is owed, the cache is bypassed for
    /// this exam and a settle retries; the request still succeeds, because HubSpot holds it.
    /// </summary>
    private async Task<bool> CommitToReplicaAsync(ReplicaCommit commit)
    {
        var owed = _debt.ReplicaOwed.Then(commit);
        _reads.ReplicaChanging();
        try
        {
            await replica.CommitAsync(ExamId, owed, CancellationToken.None);
            _debt.Committed();
            _reads.ReplicaChanging();
            return true;
        }
        catch (Exception ex) when (ex is DbException or TimeoutException)
        {
            LogReplicaBehind(logger, ExamId, ex);
            _debt.NotCommitted(owed);
            _reads.CacheSuspect = true;
            ScheduleSettle(options.Value.SettleRetry);
            return false;
        }
    }

    /// <summary>Deletes the exam's keys after a commit (the seed's rule: delete, never update).</summary>
    private async Task InvalidateAsync()
    {
        if (!_debt.InvalidationOwed && !_reads.CacheSuspect)
        {
            return;
        }

        try
        {
            await cache.InvalidateExamAsync(ExamId);
            _debt.Invalidated();
            _reads.CacheSuspect = !_debt.ReplicaOwed.IsEmpty;
            if (state.State.CacheInvalidationOwed)
            {
                state.State.CacheInvalidationOwed = false;
                _journal.StateUnsaved = true;   // saved with the next write or on deactivation; a stale "owed" only costs one delete
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogInvalidationFailed(logger, ExamId, ex);
            _reads.CacheSuspect = true;
            // Persisted before the write is answered (the flush saves owed state first): an activation after this one's
            // deactivation or death must not serve what Redis still holds from before the write.
            state.State.CacheInvalidationOwed = true;
            ScheduleSettle(options.Value.SettleRetry);
        }
    }

    /// <summary>
    /// ETag-checked: a conflict means another activation of this exam wrote the state, so this one stops writing
    /// and deactivates; its next caller reaches the surviving activation.
    /// </summary>
    private async Task<bool> TrySaveStateAsync()
    {
        if (!state.State.Settled)
        {
            // Before the state that owes work is saved: a silo that dies without deactivating this grain leaves the
            // reminder, which wakes the exam to settle even if no client ever calls it again.
            await _owedReminder.EnsureAsync(this);
        }

        try
        {
            await state.WriteStateAsync(CancellationToken.None);
            _journal.StateUnsaved = false;
            return true;
        }
        catch (InconsistentStateException ex)
        {
            LogDuplicateActivation(logger, ExamId, ex);
            _admission = null;
            DeactivateOnIdle();
            return false;
        }
        catch (Exception ex) when (ex is DbException or TimeoutException or OrleansException)
        {
            LogStateNotSaved(logger, ExamId, ex);
            return false;
        }
    }
}
