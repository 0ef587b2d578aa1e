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
    private static readonly TimeSpan ReplicaRetryAfter = TimeSpan.FromSeconds(2);

    private DateTimeOffset? _totalOwedSince;

    /// <summary>Until when HubSpot's budget is known to be spent (from its last over-budget answer).</summary>
    private DateTimeOffset _budgetBackoffUntil;
    private bool _stateUnsaved;
    private DateTimeOffset _totalDueAt;

    /// <summary>Admission state: null until loaded from the replica (and after anything that may have changed it).</summary>
    private ExamAdmission? _admission;

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
        var intent = new WriteIntent
        {
            Creates = [.. decision.Creates],
            Cancels = [.. decision.Cancels.Select(c => c.HubSpotId).OfType<string>()],
            CreatedAt = time.GetUtcNow(),
        };
        state.State.Intents.Add(intent);
        state.State.TotalBookingsOwed |= intent.Creates is not [] || intent.Cancels is not [];
        state.State.ExamResyncOwed |= decision.ExamChanges is not null || decision.Archive;
        // Intent first: if this silo dies mid-call, the next activation looks the bookings up by booking_id, not re-creates them.
        if (!await TrySaveStateAsync())
        {
            state.State.Intents.Remove(intent);
            for (var i = 0; i < toDecide.Count; i++)
            {
                results[i] ??= WriteResult.Retry(ReplicaRetryAfter, "The write could not be journaled; nothing was written.");
            }

            Answer(toDecide, results, followers);
            return;
        }

        _admission = decision.Projected;
        List<BookingRecord> records = [];
        if (await CreateBookingsAsync(decision, intent, results, records, keyRecords) is { } overBudget)
        {
            RetryWhatTheUnsentBlocked(toDecide, results, keyRecords, overBudget);
        }

        await CancelBookingsAsync(decision, intent, results, records);
        var (exam, archived) = await WriteExamAsync(decision, results, examBefore);

        var replicaOk = await CommitToReplicaAsync(new ReplicaCommit(exam, records, keyRecords, archived));
        await InvalidateAsync();
        SettleJournal(intent, replicaOk, examWritten: decision.ExamChanges is null && !decision.Archive || exam is not null || archived);
        Answer(toDecide, results, followers);
        // The cleared intent is saved with the next flush's intent (or on deactivation), not here: a cleared entry
        // that outlives a crash costs one look-up by booking_id, which finds the bookings and creates nothing.
        if (state.State.Intents.Any(i => i.ClientsToldToRetry))
        {
            await TrySaveStateAsync();
        }
        else
        {
            _stateUnsaved = true;
        }
    }

    /// <summary>Creates the accepted bookings in one HubSpot batch; returns HubSpot's Retry-After when its budget refused them.</summary>
    private async Task<TimeSpan?> CreateBookingsAsync(
        AdmissionDecision decision, WriteIntent intent, WriteResult?[] results, List<BookingRecord> records,
        List<IdempotencyRecord> keyRecords)
    {
        var creates = decision.Verdicts.Select((v, i) => (v.Created, Index: i)).Where(c => c.Created is not null).ToList();
        if (creates is [])
        {
            return null;
        }

        IReadOnlyList<BookingCreateResult> created;
        try
        {
            // CancellationToken.None: the batch belongs to all its callers, not to the one who cancelled.
            created = await hubSpot.CreateBookingsAsync(
                [.. creates.Select(c => c.Created!.ToNewBooking(ExamId))], HubSpotLane.UserWrite, CancellationToken.None);
        }
        catch (HubSpotOverBudgetException ex)
        {
            // Refused before sending (or HubSpot's 429): nothing was created. Seats go back; the journal keeps the ids
            // for one look-up, in case an earlier timed-out attempt of the client landed after all.
            foreach (var (booking, index) in creates)
            {
                _admission!.Release(booking!.BookingId);
                results[index] = WriteResult.Retry(ex.RetryAfter, "HubSpot's request budget is spent; nothing was booked.");
            }

            intent.Unsent = [.. intent.Creates];
            intent.Creates = [];
            intent.ClientsToldToRetry = true;
            _budgetBackoffUntil = time.GetUtcNow() + ex.RetryAfter;
            return ex.RetryAfter;
        }
        catch (HubSpotValidationException ex)
        {
            foreach (var (booking, index) in creates)
            {
                _admission!.Release(booking!.BookingId);
                results[index] = WriteResult.Rejected(WriteRejection.RefusedByHubSpot, ex.Message);
            }

            intent.Creates = [];
            return null;
        }
        catch (HubSpotException ex)
        {
            // Unknown outcome: the seats stay held until the journal is settled by looking the bookings up.
            LogUnknownOutcome(logger, ExamId, creates.Count, ex);
            foreach (var (_, index) in creates)
            {
                results[index] = WriteResult.Retry(options.Value.SettleRetry, "HubSpot did not confirm the booking; retry with the same Idempotency-Key.");
            }

            intent.ClientsToldToRetry = true;
            ScheduleSettle(options.Value.SettleRetry);
            return null;
        }

        for (var i = 0; i < creates.Count; i++)
        {
            var (booking, index) = creates[i];
            if (created[i].Booking is { } hubSpotBooking)
            {
                var record = hubSpotBooking.ToRecord(ExamId);
                records.Add(record);
                _admission!.Hold(new ActiveBooking(booking!.BookingId, record.HubSpotId, booking.ContactId));
                results[index] = new WriteResult(Booking: record);
            }
            else
            {
                _admission!.Release(booking!.BookingId);
                intent.Creates.Remove(booking);
                results[index] = WriteResult.Rejected(WriteRejection.RefusedByHubSpot, created[i].Error?.Message);
            }

            RememberAnswer(booking, results[index]!, keyRecords);
        }

        return null;
    }

    /// <summary>
    /// HubSpot's budget refused this flush's creates, so their seats are free again: a booking of the same flush that
    /// was refused because of them (exam full, or the same student) is told to retry too, not that the exam is full.
    /// </summary>
    private void RetryWhatTheUnsentBlocked(
        List<QueuedWrite> decided, WriteResult?[] results, List<IdempotencyRecord> keyRecords, TimeSpan retryAfter)
    {
        for (var i = 0; i < decided.Count; i++)
        {
            if (results[i]?.Rejection is WriteRejection.ExamFull or WriteRejection.AlreadyBooked
                && decided[i].Command is BookCommand book
                && _admission!.ActiveCount < _admission.Capacity
                && !_admission.HoldsActiveBooking(book.Request.ContactId))
            {
                results[i] = WriteResult.Retry(retryAfter, "HubSpot's request budget is spent; nothing was booked.");
                keyRecords.RemoveAll(r => r.Key == book.Request.IdempotencyKey);
            }
        }
    }

    private async Task CancelBookingsAsync(
        AdmissionDecision decision, WriteIntent intent, WriteResult?[] results, List<BookingRecord> records)
    {
        var cancels = decision.Verdicts.Select((v, i) => (v.Cancelled, Index: i)).Where(c => c.Cancelled is not null).ToList();
        foreach (var (booking, index) in cancels.Where(c => c.Cancelled!.HubSpotId is null))
        {
            // Its create is still unsettled: it cannot be cancelled until HubSpot's outcome is known.
            _admission!.Hold(booking!);
            results[index] = WriteResult.Retry(options.Value.SettleRetry, "The booking is still being confirmed with HubSpot.");
        }

        cancels.RemoveAll(c => c.Cancelled!.HubSpotId is null);
        if (cancels is [])
        {
            return;
        }

        IReadOnlyList<BookingUpdateResult> updated;
        try
        {
            updated = await hubSpot.UpdateBookingsAsync(
                [.. cancels.Select(c => new BookingChanges(c.Cancelled!.HubSpotId!, BookingStatuses.Cancelled, IsActive: false))],
                HubSpotLane.UserWrite, CancellationToken.None);
        }
        catch (HubSpotException ex)
        {
            // Still counted as active (the safe side for seats); a settle re-reads them unless HubSpot surely refused.
            foreach (var (booking, index) in cancels)
            {
                _admission!.Hold(booking!);
                results[index] = ex is HubSpotOverBudgetException budget
                    ? WriteResult.Retry(budget.RetryAfter, "HubSpot's request budget is spent; nothing was cancelled.")
                    : WriteResult.Retry(options.Value.SettleRetry, "HubSpot did not confirm the cancellation; send it again.");
            }

            if (ex is HubSpotOverBudgetException or HubSpotValidationException)
            {
                intent.Cancels = [];
            }
            else
            {
                intent.ClientsToldToRetry = true;
                ScheduleSettle(options.Value.SettleRetry);
            }

            return;
        }

        for (var i = 0; i < cancels.Count; i++)
        {
            var (booking, index) = cancels[i];
            if (updated[i].Booking is { } hubSpotBooking)
            {
                var record = hubSpotBooking.ToRecord(ExamId);
                records.Add(record);
                results[index] = new WriteResult(Booking: record);
            }
            else
            {
                _admission!.Hold(booking!);
                results[index] = WriteResult.Rejected(WriteRejection.RefusedByHubSpot, updated[i].Error?.Message);
            }
        }
    }

    private async Task<(ExamRecord? Exam, bool Archived)> WriteExamAsync(
        AdmissionDecision decision, WriteResult?[] results,
        (int Capacity, bool IsActive, DateOnly? ExamDate, bool Archived) before)
    {
        if (decision.ExamChanges is null && !decision.Archive)
        {
            return (null, false);
        }

        var examWrites = decision.Verdicts.Select((v, i) => (v, i))
            .Where(x => x.v.Accepted && x.v.Command is UpdateExamCommand or ArchiveExamCommand).Select(x => x.i).ToList();
        try
        {
            if (decision.Archive)
            {
                await hubSpot.ArchiveExamAsync(ExamId, HubSpotLane.UserWrite, CancellationToken.None);
                examWrites.ForEach(i => results[i] = WriteResult.Done);
                return (null, true);
            }

            // The exam update carries the owed total_bookings too, so it costs no extra call.
            var total = TotalToPush();
            var exam = (await hubSpot.UpdateExamAsync(
                ExamId, decision.ExamChanges.ToChanges(total), HubSpotLane.UserWrite, CancellationToken.None)).ToRecord();
            if (total is not null)
            {
                state.State.TotalBookingsOwed = false;
                _totalOwedSince = null;
            }

            examWrites.ForEach(i => results[i] = new WriteResult(Exam: exam));
            return (exam, false);
        }
        catch (HubSpotException ex)
        {
            (_admission!.Capacity, _admission.IsActive, _admission.ExamDate, _admission.Archived) = before;
            var result = ex switch
            {
                HubSpotOverBudgetException budget => WriteResult.Retry(budget.RetryAfter, "HubSpot's request budget is spent; the exam was not changed."),
                HubSpotValidationException => WriteResult.Rejected(WriteRejection.RefusedByHubSpot, ex.Message),
                HubSpotNotFoundException => WriteResult.Rejected(WriteRejection.ExamNotFound, ex.Message),
                _ => WriteResult.Retry(options.Value.SettleRetry, "HubSpot did not confirm the change; send it again."),
            };
            examWrites.ForEach(i => results[i] = result);
            return (null, false);
        }
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
    private void ScheduleTotalPush()
    {
        var now = time.GetUtcNow();
        _totalOwedSince ??= now;
        var maxDue = _totalOwedSince.Value + options.Value.TotalBookingsMaxLag;
        var due = now + options.Value.TotalBookingsDelay;
        _totalDueAt = due < maxDue ? due : maxDue;
        ScheduleSettle(_totalDueAt - now);
    }

    private int? TotalToPush() =>
        state.State.TotalBookingsOwed && !state.State.Intents.Any(i => i.ClientsToldToRetry) ? _admission!.ActiveCount : null;

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
