using System.Data.Common;
using MockExams.Exams;
using MockExams.Grains.HubSpot;
using MockExams.Grains.Replica;

namespace MockExams.Grains.Exams;

/// <summary>
/// One flush of user writes: decide (pure), journal the intent, HubSpot, replica, cache, clear the intent, answer.
/// Every step after HubSpot accepted may fail without failing the request: HubSpot is the truth, and what the replica
/// or Redis missed is owed and settled by a timer.
/// </summary>
public sealed partial class MockExamGrain
{
    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    private async Task FlushAsync(List<QueuedWrite> batch)
    {
        ExamAdmission admission;
        Dictionary<string, IdempotencyRecord> answered;
        try
        {
            admission = await LoadAdmissionAsync();
            answered = await FindAnsweredKeysAsync(batch);
        }
        catch (DbException ex)
        {
            LogReplicaBehind(logger, ExamId, ex);
            AnswerAll(batch, WriteResult.Retry(ReplicaRetryAfter, "The replica is unavailable; nothing was written."));
            return;
        }

        if (admission.ReplicaFilling)
        {
            // Seats and students counted from a half-copied replica could overbook: nothing is decided until it is full.
            LogReplicaFilling(logger, ExamId, batch.Count);
            AnswerAll(batch, WriteResult.Retry(ReplicaFillingRetryAfter,
                "The replica is still being copied from HubSpot for the first time; nothing was written."));
            return;
        }

        var (toDecide, followers) = SplitRepeats(batch, answered);
        var decision = BookingAdmission.Decide(admission, [.. toDecide.Select(w => w.Command!)], Today, NewBookingId);
        var results = new WriteResult?[toDecide.Count];
        List<IdempotencyRecord> keyRecords = [];
        LogFlushed(logger, ExamId, batch.Count, (long)(time.GetUtcNow() - batch[0].QueuedAt).TotalMilliseconds,
            decision.Creates.Count(), decision.Cancels.Count(), decision.Verdicts.Count(v => !v.Accepted));
        for (var i = 0; i < toDecide.Count; i++)
        {
            if (decision.Verdicts[i].Rejection is { } rejection)
            {
                results[i] = WriteResult.Rejected(rejection);
                RememberAnswer(toDecide[i], results[i]!, keyRecords);
            }
        }

        if (decision.WritesNothing)
        {
            RetryWhatUnconfirmedSeatsBlocked(toDecide, results, keyRecords, admission, options.Value.SettleRetry);
            // Rejections cost no HubSpot call; their idempotency records are worth one small replica write.
            if (keyRecords is not [])
            {
                await CommitToReplicaAsync(new ReplicaCommit(null, [], keyRecords));
            }

            Answer(toDecide, results, followers);
            return;
        }

        if (time.GetUtcNow() < _budgetBackoffUntil)
        {
            // HubSpot's budget refused the last flush: fail fast instead of queueing every caller behind another wait.
            var retryAfter = _budgetBackoffUntil - time.GetUtcNow();
            for (var i = 0; i < toDecide.Count; i++)
            {
                results[i] = results[i]?.Rejection is WriteRejection.ExamFull or WriteRejection.AlreadyBooked && toDecide[i].Command is BookCommand
                    ? WriteResult.Retry(retryAfter, "HubSpot's request budget is spent; nothing was booked.")
                    : results[i] ?? WriteResult.Retry(retryAfter, "HubSpot's request budget is spent; nothing was written.");
            }

            keyRecords.Clear();
            Answer(toDecide, results, followers);
            return;
        }

        var examBefore = (admission.Capacity, admission.IsActive, admission.ExamDate, admission.Archived);
        var creates = decision.Verdicts.Select((v, i) => (Booking: v.Created!, Index: i)).Where(c => c.Booking is not null).ToList();
        var cancels = decision.Verdicts.Select((v, i) => (Booking: v.Cancelled!, Index: i)).Where(c => c.Booking is not null).ToList();
        // The ordering rule: seats this flush frees (cancels, capacity or activation changes) are confirmed by HubSpot
        // before any create of the flush is journaled or sent, so a failed free can never leave HubSpot overbooked.
        var freesFirst = creates is not [] && (cancels is not [] || decision.ExamChanges is not null);
        var intent = new WriteIntent
        {
            Creates = freesFirst ? [] : [.. creates.Select(c => c.Booking)],
            Cancels = [.. cancels.Select(c => c.Booking.HubSpotId).OfType<string>()],
            CreatedAt = time.GetUtcNow(),
        };
        _journal.Journaled(intent);
        state.State.Intents.Add(intent);
        state.State.TotalBookingsOwed |= creates is not [] || intent.Cancels is not [];
        state.State.ExamResyncOwed |= decision.ExamChanges is not null || decision.Archive;
        // Intent first: if this silo dies mid-call, the next activation looks the bookings up by booking_id, not re-creates them.
        if (!await TrySaveStateAsync())
        {
            state.State.Intents.Remove(intent);
            _journal.Dropped(intent);
            // Every write of the batch, refusals too: they were decided against seats this flush's creates would have
            // taken, and a journal that cannot be saved is most often another activation of this exam holding it (a silo
            // taken for dead still finishing its flush), whose bookings this one does not see. "Exam full" here could be
            // false, or even the answer to a client whose booking that other activation is making.
            for (var i = 0; i < toDecide.Count; i++)
            {
                results[i] = WriteResult.Retry(ReplicaRetryAfter, "The write could not be journaled; nothing was written.");
            }

            Answer(toDecide, results, followers);
            return;
        }

        _admission = decision.Projected;
        _journal.Shrank = false;
        List<BookingRecord> records = [];
        (ExamRecord? Exam, bool Archived) examWritten = (null, false);
        if (freesFirst)
        {
            await CancelBookingsAsync(cancels, intent, results, records);
            examWritten = await WriteExamAsync(decision, results, examBefore, withTotal: false);
            creates = await ReadmitAsync(creates, intent, results);
        }

        var overBudget = await CreateBookingsAsync(creates, intent, results, records, keyRecords);
        RetryWhatUnconfirmedSeatsBlocked(toDecide, results, keyRecords, decision.Projected, overBudget ?? options.Value.SettleRetry);
        if (!freesFirst)
        {
            await CancelBookingsAsync(cancels, intent, results, records);
            examWritten = await WriteExamAsync(decision, results, examBefore, withTotal: true);
        }

        // A refusal turned into "retry" on the way (its seats were not freed, or not journaled) keeps no record: its
        // client's repeat must be decided again, not refused from the record.
        for (var i = 0; i < toDecide.Count; i++)
        {
            if (results[i]?.RetryAfter is not null && toDecide[i].Command is BookCommand { Request.IdempotencyKey: { } retried })
            {
                keyRecords.RemoveAll(r => r.Key == retried);
            }
        }

        var (exam, archived) = examWritten;
        var replicaOk = await CommitToReplicaAsync(new ReplicaCommit(exam, records, keyRecords, archived));
        await InvalidateAsync();
        AnswerRepeatedCancelsAsTheFirst(decision, results);
        SettleJournal(intent, replicaOk, examWritten: decision.ExamChanges is null && !decision.Archive || exam is not null || archived);
        // The cleared intent is saved with the next flush's intent (or on deactivation), not here: a cleared entry
        // that outlives a crash costs one look-up by booking_id, which finds the bookings and creates nothing. But
        // once a client was told to retry, or a write was refused, the saved journal must say so before anyone is
        // answered, or a recovery would create (or cancel) what that client was told was not written.
        if (_journal.Shrank || state.State.CacheInvalidationOwed || results.Any(r => r?.RetryAfter is not null)
            || state.State.Intents.Any(i => i.ClientsToldToRetry))
        {
            await TrySaveStateAsync();
        }
        else
        {
            _journal.StateUnsaved = true;
        }

        Answer(toDecide, results, followers);
    }

    /// <summary>
    /// After a flush: the intent leaves the journal once the replica holds its writes, unless some of HubSpot's
    /// outcomes are unknown; then only those stay, for the settle to look up.
    /// </summary>
    private void SettleJournal(WriteIntent intent, bool replicaOk, bool examWritten)
    {
        if (replicaOk)
        {
            if (!intent.ClientsToldToRetry)
            {
                intent.Creates = [];
                intent.Cancels = [];
            }

            state.State.Intents.RemoveAll(i => i.IsEmpty || !i.ClientsToldToRetry);
            _journal.ForgetSettled(state.State.Intents);
            if (examWritten)
            {
                state.State.ExamResyncOwed = false;
            }
        }

        if (state.State.TotalBookingsOwed)
        {
            ScheduleTotalPush();
        }
    }

    /// <summary>
    /// Debounced: each flush moves the push later, up to the max lag after the first unpushed change, so a rush of
    /// flushes costs one exam update.
    /// </summary>
    private void ScheduleTotalPush() => ScheduleSettle(_totalPush.Changed());

    private int? TotalToPush() =>
        state.State.TotalBookingsOwed && !state.State.Intents.Any(i => i.ClientsToldToRetry) ? _admission!.ActiveCount : null;

    /// <summary>
    /// A second cancel of a booking in the same flush was decided "already cancelled" against the first one's effect;
    /// it gets the first one's answer instead, which is the truth when the first was not confirmed.
    /// </summary>
    private static void AnswerRepeatedCancelsAsTheFirst(AdmissionDecision decision, WriteResult?[] results)
    {
        Dictionary<string, int> first = new(StringComparer.Ordinal);
        for (var i = 0; i < decision.Verdicts.Count; i++)
        {
            var verdict = decision.Verdicts[i];
            if (verdict.Cancelled is { } cancelled)
            {
                first[cancelled.BookingId] = i;
                if (cancelled.HubSpotId is { } hubSpotId)
                {
                    first[hubSpotId] = i;
                }
            }
            else if (verdict is { Command: CancelCommand cancel, Rejection: WriteRejection.AlreadyCancelled }
                     && first.TryGetValue(cancel.BookingId, out var earlier))
            {
                results[i] = results[earlier];
            }
        }
    }

    private static string NewBookingId() => Guid.CreateVersion7().ToString("N");

    private static void AnswerAll(IEnumerable<QueuedWrite> batch, WriteResult result)
    {
        foreach (var write in batch)
        {
            write.Answer(result);
        }
    }

    private static void Answer(
        List<QueuedWrite> decided, WriteResult?[] results, List<(QueuedWrite Repeat, QueuedWrite First)> followers)
    {
        for (var i = 0; i < decided.Count; i++)
        {
            decided[i].Answer(results[i] ?? WriteResult.Done);
        }

        foreach (var (repeat, first) in followers)
        {
            var firstHash = ((BookCommand)first.Command!).Request.RequestHash;
            var hash = ((BookCommand)repeat.Command!).Request.RequestHash;
            repeat.Answer(string.Equals(firstHash, hash, StringComparison.Ordinal)
                ? first.Done.Task.Result   // answered just above
                : WriteResult.Rejected(WriteRejection.IdempotencyKeyReused, "This Idempotency-Key is in use with a different request body."));
        }
    }
}
