using MockExams.Exams;
using MockExams.Grains.HubSpot;
using MockExams.Grains.Replica;

namespace MockExams.Grains.Exams;

/// <summary>
/// The HubSpot step of a flush: one batch/create for the accepted bookings, one batch/update for the cancels, one
/// exam update (carrying the owed total_bookings) or archive. Each answers its requests per input; a whole-call
/// failure is a retry for its callers, with the seats held only while HubSpot's outcome is unknown.
/// </summary>
public sealed partial class MockExamGrain
{
    /// <summary>Creates the accepted bookings in one HubSpot batch; returns HubSpot's Retry-After when its budget refused them.</summary>
    private async Task<TimeSpan?> CreateBookingsAsync(
        AdmissionDecision decision, WriteIntent intent, WriteResult?[] results, List<BookingRecord> records,
        List<IdempotencyRecord> keyRecords, HubSpotBudgetReservation? reservation)
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
            NewBooking[] bookings = [.. creates.Select(c => c.Created!.ToNewBooking(ExamId))];
            created = reservation is null
                ? await hubSpot.CreateBookingsAsync(bookings, HubSpotLane.UserWrite, CancellationToken.None)
                : await hubSpot.CreateBookingsAsync(bookings, reservation, CancellationToken.None);
        }
        catch (HubSpotOverBudgetException ex)
        {
            // Refused before anything was sent (once a create may have landed, the client reports an unknown outcome
            // instead): nothing was created, so the seats go back and the journal entry has nothing left to settle.
            foreach (var (booking, index) in creates)
            {
                _admission!.Release(booking!.BookingId);
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
}
