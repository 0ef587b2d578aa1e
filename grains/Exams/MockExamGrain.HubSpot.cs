using MockExams.Exams;
using MockExams.Grains.HubSpot;
using MockExams.Grains.Replica;

namespace MockExams.Grains.Exams;

/// <summary>
/// The HubSpot step of a flush: the accepted bookings and the cancels go to the silo's shared batch writer (merged with
/// other exams' into batch calls), the exam update (carrying the owed total_bookings) or archive is sent directly. Each
/// answers its requests per input; a whole-call failure is a retry for its callers, with the seats held only while
/// HubSpot's outcome is unknown.
/// </summary>
public sealed partial class MockExamGrain
{
    /// <summary>
    /// Creates the accepted bookings through the silo's shared batch writer (with other exams' creates); returns
    /// HubSpot's Retry-After when its budget refused them.
    /// </summary>
    private async Task<TimeSpan?> CreateBookingsAsync(
        List<(IntendedBooking Booking, int Index)> creates, WriteIntent intent, WriteResult?[] results, List<BookingRecord> records,
        List<IdempotencyRecord> keyRecords)
    {
        if (creates is [])
        {
            return null;
        }

        IReadOnlyList<BookingCreateResult> created;
        try
        {
            created = await writer.CreateBookingsAsync([.. creates.Select(c => c.Booking.ToNewBooking(ExamId))]);
        }
        catch (HubSpotOverBudgetException ex)
        {
            // Refused before anything was sent (once a create may have landed, the client reports an unknown outcome
            // instead): nothing was created, so the seats go back and the journal entry has nothing left to settle.
            foreach (var (booking, index) in creates)
            {
                _admission!.Release(booking.BookingId);
                results[index] = WriteResult.Retry(ex.RetryAfter, "HubSpot's request budget is spent; nothing was booked.");
            }

            intent.Creates = [];
            _budgetBackoffUntil = time.GetUtcNow() + ex.RetryAfter;
            return ex.RetryAfter;
        }
        catch (HubSpotValidationException ex)
        {
            foreach (var (booking, index) in creates)
            {
                _admission!.Release(booking.BookingId);
                results[index] = WriteResult.Rejected(WriteRejection.RefusedByHubSpot, ex.Message);
            }

            intent.Creates = [];
            _journal.Shrank = true;
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
                _admission!.Hold(new ActiveBooking(booking.BookingId, record.HubSpotId, booking.ContactId));
                results[index] = new WriteResult(Booking: record);
            }
            else
            {
                // Refused by HubSpot for this input alone: out of the journal (saved before the client is answered), so
                // no recovery ever creates what this client was told was refused.
                _admission!.Release(booking.BookingId);
                intent.Creates.Remove(booking);
                _journal.Shrank = true;
                results[index] = WriteResult.Rejected(WriteRejection.RefusedByHubSpot, created[i].Error?.Message);
            }

            RememberAnswer(booking, results[index]!, keyRecords);
        }

        return null;
    }

    /// <summary>
    /// The ordering rule's second half: once HubSpot has answered the writes that free seats, the creates of the flush
    /// are admitted again against what HubSpot confirmed, in arrival order. A create whose seat was not freed (the
    /// cancel or capacity change failed, or its outcome is unknown) is told to retry and never sent. The admitted ones
    /// are journaled before they are sent.
    /// </summary>
    private async Task<List<(IntendedBooking Booking, int Index)>> ReadmitAsync(
        List<(IntendedBooking Booking, int Index)> creates, WriteIntent intent, WriteResult?[] results)
    {
        foreach (var (booking, _) in creates)
        {
            _admission!.Release(booking.BookingId);
        }

        List<(IntendedBooking Booking, int Index)> admitted = [];
        foreach (var (booking, index) in creates)
        {
            if (BookingAdmission.Readmit(_admission!, booking, Today))
            {
                admitted.Add((booking, index));
            }
            else
            {
                results[index] = WriteResult.Retry(options.Value.SettleRetry,
                    "The seat this booking needed was not freed in HubSpot in time; nothing was booked.");
            }
        }

        if (admitted is [])
        {
            return admitted;
        }

        intent.Creates = [.. admitted.Select(a => a.Booking)];
        if (await TrySaveStateAsync())
        {
            return admitted;
        }

        foreach (var (booking, index) in admitted)
        {
            _admission!.Release(booking.BookingId);
            results[index] = WriteResult.Retry(ReplicaRetryAfter, "The write could not be journaled; nothing was booked.");
        }

        // As in FlushAsync: a booking refused for seats or for its student against creates that were never journaled
        // (perhaps another activation's journal is newer) is told to retry, not that the exam is full.
        for (var i = 0; i < results.Length; i++)
        {
            if (results[i]?.Rejection is WriteRejection.ExamFull or WriteRejection.AlreadyBooked)
            {
                results[i] = WriteResult.Retry(ReplicaRetryAfter, "The write could not be journaled; nothing was booked.");
            }
        }

        intent.Creates = [];
        return [];
    }

    /// <summary>
    /// A booking refused as "exam full" or "already booked" only because of seats whose create HubSpot has not confirmed
    /// (its outcome is unknown until a look-up answers, or the budget refused it and the seat is free again) is told to
    /// retry, never that the exam is full: the answer may change once those creates are settled.
    /// </summary>
    private static void RetryWhatUnconfirmedSeatsBlocked(
        List<QueuedWrite> decided, WriteResult?[] results, List<IdempotencyRecord> keyRecords, ExamAdmission seats, TimeSpan retryAfter)
    {
        for (var i = 0; i < decided.Count; i++)
        {
            if (decided[i].Command is not BookCommand book)
            {
                continue;
            }

            var blocked = results[i]?.Rejection switch
            {
                WriteRejection.ExamFull => seats.ActiveCount - seats.UnconfirmedCount < seats.Capacity,
                WriteRejection.AlreadyBooked => !seats.HoldsConfirmedBooking(book.Request.ContactId),
                _ => false,
            };
            if (blocked)
            {
                results[i] = WriteResult.Retry(retryAfter, "Seats are held by bookings HubSpot has not confirmed yet; nothing was booked.");
                keyRecords.RemoveAll(r => r.Key == book.Request.IdempotencyKey);
            }
        }
    }

    /// <summary>Cancels through the silo's shared batch writer; a cancel not confirmed keeps its seat held.</summary>
    private async Task CancelBookingsAsync(
        List<(ActiveBooking Booking, int Index)> cancels, WriteIntent intent, WriteResult?[] results, List<BookingRecord> records)
    {
        foreach (var (booking, index) in cancels.Where(c => c.Booking.HubSpotId is null))
        {
            // Its create is still unsettled: it cannot be cancelled until HubSpot's outcome is known.
            _admission!.Hold(booking);
            results[index] = WriteResult.Retry(options.Value.SettleRetry, "The booking is still being confirmed with HubSpot.");
        }

        cancels = [.. cancels.Where(c => c.Booking.HubSpotId is not null)];
        if (cancels is [])
        {
            return;
        }

        IReadOnlyList<BookingUpdateResult> updated;
        try
        {
            updated = await writer.UpdateBookingsAsync(
                [.. cancels.Select(c => new BookingChanges(c.Booking.HubSpotId!, BookingStatuses.Cancelled, IsActive: false))]);
        }
        catch (HubSpotException ex)
        {
            // Still counted as active (the safe side for seats). Only a 400 surely changed nothing: an update is retried
            // after a 5xx or timeout, so even a budget refusal may come after an attempt HubSpot carried out (a late
            // write), and a settle re-reads those bookings.
            foreach (var (booking, index) in cancels)
            {
                _admission!.Hold(booking);
                results[index] = ex is HubSpotOverBudgetException budget
                    ? WriteResult.Retry(budget.RetryAfter, "HubSpot's request budget is spent; the cancellation was not confirmed, send it again.")
                    : WriteResult.Retry(options.Value.SettleRetry, "HubSpot did not confirm the cancellation; send it again.");
            }

            if (ex is HubSpotValidationException)
            {
                intent.Cancels = [];
                _journal.Shrank = true;
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
            else if (updated[i].Unknown)
            {
                // HubSpot said neither yes nor no: the seat stays held until a settle re-reads the booking.
                _admission!.Hold(booking);
                intent.ClientsToldToRetry = true;
                ScheduleSettle(options.Value.SettleRetry);
                results[index] = WriteResult.Retry(options.Value.SettleRetry, "HubSpot did not confirm the cancellation; send it again.");
            }
            else
            {
                // Refused for this input alone: out of the journal before the client hears it, so it is never re-sent.
                _admission!.Hold(booking);
                intent.Cancels.Remove(booking.HubSpotId!);
                _journal.Shrank = true;
                results[index] = WriteResult.Rejected(WriteRejection.RefusedByHubSpot, updated[i].Error?.Message);
            }
        }
    }

    /// <param name="withTotal">Whether the update may carry the owed total_bookings (not while creates of the flush are unsent).</param>
    private async Task<(ExamRecord? Exam, bool Archived)> WriteExamAsync(
        AdmissionDecision decision, WriteResult?[] results,
        (int Capacity, bool IsActive, DateOnly? ExamDate, bool Archived) before, bool withTotal)
    {
        if (decision.ExamChanges is null && !decision.Archive)
        {
            return (null, false);
        }

        var examWrites = decision.Verdicts.Select((v, i) => (v, i))
            .Where(x => x.v.Accepted && x.v.Command is UpdateExamCommand or ArchiveExamCommand).Select(x => x.i).ToList();
        if (decision.ExamChanges?.Capacity is { } capacity && capacity < _admission!.ActiveCount)
        {
            // Decided against cancels of this flush that HubSpot did not confirm: sent now, the lower capacity would put
            // the exam over capacity in HubSpot. Not sent; the exam keeps what it had.
            (_admission.Capacity, _admission.IsActive, _admission.ExamDate, _admission.Archived) = before;
            var retry = WriteResult.Retry(options.Value.SettleRetry,
                "The cancellations this capacity relied on were not confirmed by HubSpot; the exam was not changed.");
            examWrites.ForEach(i => results[i] = retry);
            return (null, false);
        }

        try
        {
            if (decision.Archive)
            {
                await hubSpot.ArchiveExamAsync(ExamId, HubSpotLane.UserWrite, CancellationToken.None);
                examWrites.ForEach(i => results[i] = WriteResult.Done);
                return (null, true);
            }

            // The exam update carries the owed total_bookings too, so it costs no extra call.
            var total = withTotal ? TotalToPush() : null;
            if (total is { } sent)
            {
                LogTotalSent(logger, ExamId, sent, "exam update", GrainContext.Address);
            }

            var exam = (await hubSpot.UpdateExamAsync(
                ExamId, decision.ExamChanges.ToChanges(total), HubSpotLane.UserWrite, CancellationToken.None)).ToRecord();
            if (total is not null)
            {
                state.State.TotalBookingsOwed = false;
                _totalPush.Pushed();
            }

            examWrites.ForEach(i => results[i] = new WriteResult(Exam: exam));
            return (exam, false);
        }
        catch (HubSpotException ex)
        {
            if (ex is HubSpotValidationException or HubSpotNotFoundException)
            {
                (_admission!.Capacity, _admission.IsActive, _admission.ExamDate, _admission.Archived) = before;
            }
            else
            {
                // The change may have landed (a retried update, a late write): until the settle re-reads the exam, seats
                // are decided on whichever of the two versions admits less, so neither can be overbooked.
                _admission!.Capacity = Math.Min(before.Capacity, _admission.Capacity);
                _admission.IsActive &= before.IsActive;
                _admission.Archived |= before.Archived;
                _admission.ExamDate = before.ExamDate;
                ScheduleSettle(options.Value.SettleRetry);
            }

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
}
