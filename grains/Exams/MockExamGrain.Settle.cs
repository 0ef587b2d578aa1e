using MockExams.Exams;
using MockExams.Grains.HubSpot;
using MockExams.Grains.Replica;

namespace MockExams.Grains.Exams;

/// <summary>
/// System work, each run alone in its place in the write queue: settling what is owed (journal entries whose
/// HubSpot outcome is unknown, replica commits and cache deletes that failed, the coalesced total_bookings),
/// remote changes from the sync, and force sync.
/// </summary>
public sealed partial class MockExamGrain
{
    private Task RunSystemAsync(QueuedWrite write) => write.System switch
    {
        SettleWork => SettleAsync(write),
        ApplyRemoteWork remote => ApplyRemoteAsync(write, remote.Changes),
        ForceSyncWork => ForceSyncFromHubSpotAsync(write),
        _ => throw new InvalidOperationException($"Unknown system work {write.System}."),
    };

    /// <summary>Brings HubSpot, the replica and the cache back in line; schedules itself again while anything stays owed.</summary>
    private async Task SettleAsync(QueuedWrite write)
    {
        var retryAfter = options.Value.SettleRetry;
        try
        {
            var admission = await LoadAdmissionAsync();
            List<BookingRecord> records = [];
            List<IdempotencyRecord> keyRecords = [];
            var (settled, unanswered, deferredFor) = await SettleIntentsAsync(admission, records, keyRecords);
            var allSettled = unanswered is null && deferredFor is null;
            ExamRecord? exam = null;
            var archived = false;
            if (allSettled)
            {
                if (state.State.ExamResyncOwed)
                {
                    exam = (await hubSpot.GetExamAsync(ExamId, HubSpotLane.Sync, CancellationToken.None))?.ToRecord();
                    archived = exam is null;
                    if (exam is not null)
                    {
                        // HubSpot's answer, not the change the grain projected and HubSpot may never have made (an
                        // archive left unanswered), decides the push below.
                        Apply(admission, exam);
                    }
                }

                // Only once every intent is settled: until then the active count includes seats that may be released.
                var totalDue = _totalPush.IsDue() || archived;
                if (state.State.TotalBookingsOwed && totalDue && admission.Exists && !admission.Archived && !archived)
                {
                    // With the other exams of this silo that come due meanwhile: one HubSpot call for all of them. An
                    // exam HubSpot no longer has takes no total; the sync brings its archive.
                    // The push makes a newer version of the exam in HubSpot; the sync brings it to the replica.
                    // Only while this activation owns the saved state: one Orleans replaced (its silo taken for dead
                    // while still running) must not overwrite its successor's total with the older count it knows.
                    var pushed = false;
                    if (await OwnsStateAsync())
                    {
                        LogTotalSent(logger, ExamId, admission.ActiveCount, "settle", GrainContext.Address);
                        pushed = await totals.PushAsync(ExamId, admission.ActiveCount) is not null;
                    }

                    _totalPush.Answered(pushed);
                    if (!pushed)
                    {
                        LogTotalNotConfirmed(logger, ExamId, admission.ActiveCount);
                        // HubSpot refused this input alone, or answered it with neither result nor error (the push may
                        // not have landed), or the state could not be saved: still owed, pushed again later, backing off
                        // while the refusals keep coming.
                        totalDue = false;
                    }
                }

                if (totalDue)
                {
                    state.State.TotalBookingsOwed = false;
                    _totalPush.Pushed();
                }
            }

            // Past every HubSpot call of this pass: an exception before here leaves the settled intents journaled, and
            // the next pass looks them up again, finding what this one found.
            state.State.Intents.RemoveAll(settled.Contains);
            _journal.ForgetSettled(state.State.Intents);
            var commit = new ReplicaCommit(exam, records, keyRecords, archived);
            // While HubSpot leaves the oldest intent unanswered, a pass that settled nothing writes nothing either.
            var replicaOk = commit.IsEmpty && _debt.ReplicaOwed.IsEmpty && !allSettled || await CommitToReplicaAsync(commit);
            admission.Archived |= archived;
            state.State.ExamResyncOwed &= !(replicaOk && allSettled);
            await InvalidateAsync();
            if (settled is not [] || allSettled)
            {
                await TrySaveStateAsync();
            }

            if (unanswered is not null)
            {
                LogSettleFailed(logger, ExamId, unanswered);
                retryAfter = (unanswered as HubSpotOverBudgetException)?.RetryAfter ?? retryAfter;
            }
            else if (deferredFor is { } wait)
            {
                retryAfter = wait;
            }
        }
        catch (HubSpotOverBudgetException ex)
        {
            LogSettleFailed(logger, ExamId, ex);
            retryAfter = ex.RetryAfter;
        }
        catch (Exception ex) when (ex is HubSpotException or System.Data.Common.DbException or TimeoutException)
        {
            LogSettleFailed(logger, ExamId, ex);
        }

        write.Answer(WriteResult.Done);
        if (state.State.Intents is not [] || state.State.ExamResyncOwed || !_debt.ReplicaOwed.IsEmpty || _reads.CacheSuspect)
        {
            ScheduleSettle(retryAfter);
        }
        else if (state.State.TotalBookingsOwed)
        {
            ScheduleSettle(_totalPush.DueIn() ?? retryAfter);
        }
    }

    /// <summary>
    /// Settles the journal oldest first and stops at the first intent HubSpot (or its budget) does not answer for, or
    /// whose creates may still land: that one and the later ones stay journaled, their seats held, until a later pass.
    /// </summary>
    private async Task<(List<WriteIntent> Settled, HubSpotException? Unanswered, TimeSpan? DeferredFor)> SettleIntentsAsync(
        ExamAdmission admission, List<BookingRecord> records, List<IdempotencyRecord> keyRecords)
    {
        List<WriteIntent> settled = [];
        foreach (var intent in state.State.Intents)
        {
            try
            {
                if (await SettleIntentAsync(intent, admission, records, keyRecords) is { } deferredFor)
                {
                    return (settled, null, deferredFor);
                }
            }
            catch (HubSpotException ex)
            {
                return (settled, ex, null);
            }

            settled.Add(intent);
        }

        return (settled, null, null);
    }

    /// <summary>
    /// Looks the journaled bookings up by booking_id and never creates one blindly: found ones are adopted; journaled
    /// cancels are re-read first, and re-sent when nobody was answered; only then are missing creates sent, when their
    /// clients were not told to retry (nobody was answered) and they still fit the exam as HubSpot now holds it (the
    /// ordering rule, again). Otherwise their seats are released, but not before
    /// <see cref="ExamWriteOptions.LateCreateWindow"/> has passed since this activation first knew the intent.
    /// Returns how long to wait when the intent cannot be settled yet (nothing of it is then applied).
    /// </summary>
    private async Task<TimeSpan?> SettleIntentAsync(
        WriteIntent intent, ExamAdmission admission, List<BookingRecord> records, List<IdempotencyRecord> keyRecords)
    {
        List<IntendedBooking> intended = [.. intent.Creates, .. intent.Unsent];
        var found = intended is []
            ? []
            : await hubSpot.FindBookingsByBookingIdAsync([.. intended.Select(b => b.BookingId)], HubSpotLane.Sync, CancellationToken.None);
        var byBookingId = found.Where(b => b.BookingId is not null).ToDictionary(b => b.BookingId!, StringComparer.Ordinal);
        var missing = intended.Where(b => !byBookingId.ContainsKey(b.BookingId)).ToList();
        var now = time.GetUtcNow();
        var lateCreatesUntil = _journal.FirstSeen(intent, now) + options.Value.LateCreateWindow;
        if (intent.ClientsToldToRetry && missing is not [] && now < lateCreatesUntil)
        {
            // HubSpot may still be carrying out a create it did not confirm (a 504 or timeout whose write lands later): a
            // seat released now could go to someone else and then the late booking would overbook the exam.
            LogSettleDeferred(logger, ExamId, intent.Id, missing.Count, lateCreatesUntil);
            return lateCreatesUntil - now;
        }

        if (intent.Cancels is not [])
        {
            var current = await hubSpot.GetBookingsAsync(intent.Cancels, HubSpotLane.Sync, CancellationToken.None);
            var stillActive = current.Where(b => b.IsActive == true).ToList();
            if (!intent.ClientsToldToRetry && stillActive is not [])
            {
                var updated = await hubSpot.UpdateBookingsAsync(
                    [.. stillActive.Select(b => new BookingChanges(b.Id, BookingStatuses.Cancelled, IsActive: false))],
                    HubSpotLane.Sync, CancellationToken.None);
                current = [.. current.Except(stillActive), .. updated.Select(u => u.Booking).OfType<HubSpotBooking>()];
            }

            foreach (var booking in current)
            {
                var record = booking.ToRecord(ExamId);
                records.Add(record);
                Apply(admission, record);
            }
        }

        foreach (var booking in intended)
        {
            if (byBookingId.TryGetValue(booking.BookingId, out var inHubSpot))
            {
                var record = inHubSpot.ToRecord(ExamId);
                records.Add(record);
                Apply(admission, record);
                RememberAnswer(booking, new WriteResult(Booking: record), keyRecords);
            }
            else
            {
                admission.Release(booking.BookingId);
            }
        }

        var created = 0;
        if (!intent.ClientsToldToRetry && missing is not [])
        {
            // Seats as HubSpot holds them now (cancels confirmed above, found creates adopted): a create whose seat was
            // never freed is not sent, so a recovery cannot overbook either.
            var fitting = missing.Where(b => BookingAdmission.Readmit(admission, b, Today)).ToList();
            var results = fitting is []
                ? []
                : await hubSpot.CreateBookingsAsync([.. fitting.Select(b => b.ToNewBooking(ExamId))], HubSpotLane.Sync, CancellationToken.None);
            foreach (var result in results.Where(r => r.Booking is not null))
            {
                var record = result.Booking!.ToRecord(ExamId);
                records.Add(record);
                Apply(admission, record);
                RememberAnswer(fitting.Single(b => b.BookingId == result.BookingId), new WriteResult(Booking: record), keyRecords);
                created++;
            }

            foreach (var booking in fitting.Where(b => results.All(r => r.BookingId != b.BookingId || r.Booking is null)))
            {
                admission.Release(booking.BookingId);
            }
        }

        state.State.TotalBookingsOwed = true;
        LogIntentSettled(logger, ExamId, intent.Id, byBookingId.Count, created, intended.Count - byBookingId.Count - created);
        return null;
    }

    /// <summary>Records HubSpot already holds: upserted under the never-older rule, then admission reloaded from the replica.</summary>
    private async Task ApplyRemoteAsync(QueuedWrite write, RemoteChanges changes)
    {
        var activeBefore = changes.Bookings is [] ? null : (_admission ?? await ReplicaSeatsAsync())?.ActiveCount;
        await ApplyToReplicaAsync(changes);
        // total_bookings in HubSpot is this grain's to keep: a staff edit that left it behind the active bookings (a
        // booking cancelled or moved in HubSpot, or the property itself overwritten) is answered with a push. Read
        // without keeping it: the next write loads admission itself (and sees a first backfill still filling).
        if (await ReplicaSeatsAsync() is { Exists: true, Archived: false } seats && !state.State.TotalBookingsOwed
            && (changes.Exam is { } exam && exam.TotalBookings != seats.ActiveCount || activeBefore is { } before && before != seats.ActiveCount))
        {
            state.State.TotalBookingsOwed = true;
            ScheduleTotalPush();
            await TrySaveStateAsync();
        }
        else if (state.State.CacheInvalidationOwed)
        {
            await TrySaveStateAsync();
        }

        write.Answer(WriteResult.Done);
    }

    /// <summary>The replica's seats of this exam, not kept as admission state; null when the replica cannot be read.</summary>
    private async Task<ExamAdmission?> ReplicaSeatsAsync()
    {
        try
        {
            return await admissionReader.LoadAsync(ExamId, CancellationToken.None);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or TimeoutException)
        {
            return null;
        }
    }

    private async Task ApplyToReplicaAsync(RemoteChanges changes)
    {
        var commit = new ReplicaCommit(changes.Exam, changes.Bookings, []);
        // Only bookings that name this exam can have joined it; the ones a sender passes on after they left are not asked.
        List<string> joining = [.. changes.Bookings.Where(b => b.MockExamId == ExamId).Select(b => b.HubSpotId)];
        var moved = joining is [] ? [] : await admissionReader.FiledElsewhereAsync(ExamId, joining, CancellationToken.None);
        _reads.ReplicaChanging();
        // Unlike the grain's own writes, nothing is owed here on failure: the caller (sync, webhook) retries.
        await replica.CommitAsync(ExamId, _debt.ReplicaOwed.Then(commit), CancellationToken.None);
        _debt.Committed();
        _reads.ReplicaChanging();
        _admission = null;
        await InvalidateAsync();
        TellExamsTheirBookingsLeft(changes.Bookings, moved);
    }

    /// <summary>
    /// Bookings whose mock_exam_id changed in HubSpot (staff moved them) have just joined this exam; the exams they left
    /// get them too, so each recounts, reloads its seats and drops its cached lists. Not awaited: two exams trading
    /// bookings at once must not wait on each other's write queues; a call lost to a dead silo leaves the old exam
    /// stale only until its cache expires and the next reconcile.
    /// </summary>
    private void TellExamsTheirBookingsLeft(IReadOnlyList<BookingRecord> bookings, IReadOnlyList<(string HubSpotId, string ExamId)> moved)
    {
        foreach (var left in moved.GroupBy(m => m.ExamId, m => m.HubSpotId, StringComparer.Ordinal))
        {
            var ids = left.ToHashSet(StringComparer.Ordinal);
            LogBookingsMoved(logger, left.Key, ExamId, ids.Count);
            GrainFactory.GetGrain<IMockExamGrain>(left.Key)
                .ApplyRemoteChangesAsync(new RemoteChanges(null, [.. bookings.Where(b => ids.Contains(b.HubSpotId))]))
                .Ignore();
        }
    }

    private async Task ForceSyncFromHubSpotAsync(QueuedWrite write)
    {
        var exam = await hubSpot.GetExamAsync(ExamId, HubSpotLane.Sync, CancellationToken.None);
        if (exam is null)
        {
            // Archived or deleted in HubSpot: a soft delete here.
            await replica.CommitAsync(ExamId, new ReplicaCommit(null, [], [], ArchiveExam: true), CancellationToken.None);
            _reads.ReplicaChanging();
            _debt.ReplicaChanged();
            _admission = null;
            await InvalidateAsync();
            write.Answer(new WriteResult(Sync: new ForceSyncOutcome(false, 0)));
            return;
        }

        var bookings = await hubSpot.GetBookingsForExamAsync(ExamId, HubSpotLane.Sync, CancellationToken.None);
        await ApplyToReplicaAsync(new RemoteChanges(exam.ToRecord(), [.. bookings.Select(b => b.ToRecord(ExamId))]));
        write.Answer(new WriteResult(Sync: new ForceSyncOutcome(true, bookings.Count)));
    }

    /// <summary>One pending settle at a time, at the earliest time anything asked for.</summary>
    private void ScheduleSettle(TimeSpan due) => _settleTimer.Schedule(due, StartSettleTimer);

    private IGrainTimer StartSettleTimer(TimeSpan due) => this.RegisterGrainTimer(
        static (grain, _) => grain.OnSettleDueAsync(),
        this,
        new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { Interleave = true, KeepAlive = true });

    private Task OnSettleDueAsync()
    {
        _settleTimer.Fired();
        _ = Enqueue(QueuedWrite.Settle());
        return Task.CompletedTask;
    }

    /// <summary>
    /// Whether this activation still owns the exam's saved state, proved by saving it (ETag-checked). Asked before a
    /// total_bookings push: an activation Orleans has replaced (its silo taken for dead while still running) must not
    /// overwrite its successor's total with the older count it knows. Costs one state write per push.
    /// </summary>
    private Task<bool> OwnsStateAsync() => TrySaveStateAsync();
}
