using MockExams.Grains.HubSpot.Wire;

namespace MockExams.Grains.HubSpot;

public sealed partial class HubSpotClient
{
    private async Task CreateChunkAsync(
        NewBooking[] chunk, HubSpotLane lane, Dictionary<string, BookingCreateResult> results, HubSpotBudgetReservation? reservation,
        CancellationToken cancellationToken)
    {
        List<NewBooking> pending = [.. chunk];
        // Once a create may have reached HubSpot (an earlier chunk, or an attempt without a usable answer), a refusal
        // by the budget no longer means "nothing was created": the caller must hold the seats and look the bookings up.
        var mayHaveLanded = results.Count > 0;
        try
        {
            await CreateUntilAnsweredAsync(pending, lane, results, reservation, () => mayHaveLanded = true, cancellationToken);
        }
        catch (HubSpotOverBudgetException ex) when (mayHaveLanded)
        {
            throw new HubSpotTransientException(
                $"The outcome of {chunk.Length} booking creates is unknown: a create got no usable answer and the look-up by booking_id could not get budget ({ex.Message}).",
                ex.StatusCode, ex.CorrelationId, ex);
        }
    }

    private async Task CreateUntilAnsweredAsync(
        List<NewBooking> pending, HubSpotLane lane, Dictionary<string, BookingCreateResult> results, HubSpotBudgetReservation? reservation,
        Action sent, CancellationToken cancellationToken)
    {
        // An attempt without a usable answer may still be carried out later (a late write): a refusal of a later attempt
        // then says nothing about whether the booking will exist.
        var earlierAttemptUnanswered = false;
        for (var attempt = 1; ; attempt++)
        {
            BatchResponse? answer;
            try
            {
                answer = await SendCreateAsync(pending, lane, reservation, cancellationToken);
            }
            catch (HubSpotLockedException ex) when (attempt < MaxCreateAttempts)
            {
                // 423 refused the whole request: nothing was written, the same inputs can go again after the lock.
                await Task.Delay(ex.RetryAfter + Jitter(), _time, cancellationToken);
                continue;
            }
            catch (Exception ex) when (ex is HubSpotTransientException or HubSpotConflictException)
            {
                // Unknown outcome (timeout, 5xx) or a whole-batch conflict: never send blindly again.
                // Look the bookings up by booking_id and send only the ones HubSpot does not have.
                sent();
                earlierAttemptUnanswered = true;
                LogCreateSettling(_logger, pending.Count, attempt, ex.GetType().Name);
                var found = await FindBookingsByBookingIdAsync([.. pending.Select(b => b.BookingId)], lane, cancellationToken);
                foreach (var booking in found)
                {
                    results[booking.BookingId!] = new BookingCreateResult(booking.BookingId!, BookingCreateStatus.AlreadyExisted, booking, null);
                }
                pending.RemoveAll(b => results.ContainsKey(b.BookingId));
                if (pending is [])
                {
                    return;
                }
                if (attempt >= MaxCreateAttempts)
                {
                    throw new HubSpotTransientException(
                        $"{pending.Count} bookings were not created after {attempt} attempts (none exists in HubSpot); the first is {pending[0].BookingId}.",
                        (ex as HubSpotException)?.StatusCode, (ex as HubSpotException)?.CorrelationId, ex);
                }
                await Task.Delay(TimeSpan.FromMilliseconds(250 * (1 << attempt)) + Jitter(), _time, cancellationToken);
                continue;
            }
            sent();
            var unanswered = await SettleAnswerAsync(pending, answer, lane, results, cancellationToken);
            if (earlierAttemptUnanswered && pending.Any(b => results.TryGetValue(b.BookingId, out var r) && r.Status == BookingCreateStatus.Failed))
            {
                throw new HubSpotTransientException(
                    "HubSpot refused a booking create whose earlier attempt got no answer and may still be carried out; its outcome is unknown.",
                    null, null);
            }

            if (unanswered is [])
            {
                return;
            }

            // Inputs HubSpot answered with neither a result nor an error, and that a look-up does not find: their
            // outcome is unknown, not a refusal. Sent again (a repeat that meets a landed create is a unique conflict).
            if (attempt >= MaxCreateAttempts)
            {
                throw new HubSpotTransientException(
                    $"HubSpot answered {unanswered.Count} booking creates with neither a result nor an error; the first is {unanswered[0].BookingId}.",
                    null, null);
            }

            pending = unanswered;
        }
    }

    /// <summary>One batch/create; <paramref name="reservation"/>, while unspent, pays for it.</summary>
    private Task<BatchResponse?> SendCreateAsync(
        List<NewBooking> pending, HubSpotLane lane, HubSpotBudgetReservation? reservation, CancellationToken cancellationToken)
    {
        var body = Serialize(new BatchInputs<CreateInput>([.. pending.Select(ToCreateInput)]), HubSpotJsonContext.Default.BatchInputsCreateInput);
        // Retryable: false. A repeat after a timeout is exactly the blind re-send we must not do;
        // CreateChunkAsync settles the unknown outcome by looking the bookings up.
        return _transport.SendAsync(
            new HubSpotCall(HttpMethod.Post, _paths.Batch(_options.BookingObjectType, "create"), body, lane, HubSpotCallKind.Standard, Retryable: false, BookingMapping.ObjectName, Reservation: reservation),
            HubSpotJsonContext.Default.BatchResponse, cancellationToken);
    }

    /// <summary>Records HubSpot's answer per input; returns the inputs it left unanswered (looked up and not found).</summary>
    private async Task<List<NewBooking>> SettleAnswerAsync(
        List<NewBooking> pending, BatchResponse? answer, HubSpotLane lane, Dictionary<string, BookingCreateResult> results, CancellationToken cancellationToken)
    {
        answer = Required(answer, "batch create");
        var created = new Dictionary<string, HubSpotObject>(StringComparer.Ordinal);
        foreach (var o in answer.Results ?? [])
        {
            if ((o.ObjectWriteTraceId ?? o.Properties?.GetValueOrDefault(BookingProperties.BookingId)) is { } bookingId)
            {
                created[bookingId] = o;
            }
        }
        var errors = ErrorBodiesByInput(answer);
        List<NewBooking> conflicting = [];
        foreach (var booking in pending)
        {
            if (created.TryGetValue(booking.BookingId, out var o))
            {
                results[booking.BookingId] = new BookingCreateResult(booking.BookingId, BookingCreateStatus.Created, BookingMapping.FromObject(o), null);
            }
            else if (errors.GetValueOrDefault(booking.BookingId) is not { } error || HubSpotErrors.IsUniqueConflict(error))
            {
                conflicting.Add(booking);
            }
            else
            {
                results[booking.BookingId] = new BookingCreateResult(booking.BookingId, BookingCreateStatus.Failed, null, HubSpotErrors.ToInputError(error));
            }
        }
        if (conflicting is [])
        {
            return [];
        }
        // booking_id already taken (an earlier create of ours landed), or no answer at all for the input: look it up.
        var existing = (await FindBookingsByBookingIdAsync([.. conflicting.Select(b => b.BookingId)], lane, cancellationToken))
            .ToDictionary(b => b.BookingId!, StringComparer.Ordinal);
        List<NewBooking> unanswered = [];
        foreach (var booking in conflicting)
        {
            if (existing.TryGetValue(booking.BookingId, out var found))
            {
                results[booking.BookingId] = new BookingCreateResult(booking.BookingId, BookingCreateStatus.AlreadyExisted, found, null);
            }
            else if (errors.GetValueOrDefault(booking.BookingId) is { } conflict)
            {
                results[booking.BookingId] = new BookingCreateResult(booking.BookingId, BookingCreateStatus.Failed, null, HubSpotErrors.ToInputError(conflict));
            }
            else
            {
                unanswered.Add(booking);
            }
        }
        return unanswered;
    }

    /// <summary>
    /// Creates an exam. Never repeated by the resilience handler. With a <see cref="NewExam.CreationId"/> a create without
    /// a usable answer is settled as a booking's is: looked up by it, and sent again only when HubSpot does not have it
    /// (a repeat that meets the first record is refused as a unique conflict, and the record found); a
    /// <see cref="HubSpotTransientException"/> then means the outcome is still unknown. Without one it is sent once.
    /// </summary>
    public async Task<HubSpotExam> CreateExamAsync(NewExam exam, HubSpotLane lane, CancellationToken cancellationToken = default)
    {
        if (exam.CreationId is not { } creationId)
        {
            return await SendExamCreateAsync(exam, lane, cancellationToken);
        }

        var mayHaveLanded = false;
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await SendExamCreateAsync(exam, lane, cancellationToken);
                }
                catch (Exception ex) when (ex is HubSpotTransientException or HubSpotConflictException)
                {
                    mayHaveLanded = true;
                    if (await FindExamByCreationIdAsync(creationId, lane, cancellationToken) is { } found)
                    {
                        return found;
                    }

                    if (attempt >= MaxCreateAttempts || ex is HubSpotConflictException)
                    {
                        throw;
                    }

                    await Task.Delay(TimeSpan.FromMilliseconds(250 * (1 << attempt)) + Jitter(), _time, cancellationToken);
                }
                catch (HubSpotValidationException ex) when (mayHaveLanded)
                {
                    // An earlier attempt got no answer and may still land (a late write): this refusal says nothing.
                    throw new HubSpotTransientException(
                        $"HubSpot refused the exam create {creationId} after an earlier attempt got no answer and may still be carried out; its outcome is unknown.",
                        ex.StatusCode, ex.CorrelationId, ex);
                }
            }
        }
        catch (HubSpotOverBudgetException ex) when (mayHaveLanded)
        {
            throw new HubSpotTransientException(
                $"The outcome of the exam create {creationId} is unknown: it got no usable answer and the look-up could not get budget ({ex.Message}).",
                ex.StatusCode, ex.CorrelationId, ex);
        }
    }

    /// <summary>The exam created with this <see cref="NewExam.CreationId"/> (batch read by that unique property); null when none.</summary>
    public async Task<HubSpotExam?> FindExamByCreationIdAsync(string creationId, HubSpotLane lane, CancellationToken cancellationToken = default)
    {
        var found = await BatchReadAsync(
            _options.ExamObjectType, ExamMapping.ObjectName, ExamProperties.All, [creationId], ExamProperties.CreationId, lane, cancellationToken);
        return found is [var exam, ..] ? ExamMapping.FromObject(exam) : null;
    }

    private async Task<HubSpotExam> SendExamCreateAsync(NewExam exam, HubSpotLane lane, CancellationToken cancellationToken)
    {
        var body = Serialize(new PropertiesInput(ExamMapping.ToProperties(exam)), HubSpotJsonContext.Default.PropertiesInput);
        var created = await _transport.SendAsync(
            new HubSpotCall(HttpMethod.Post, _paths.Objects(_options.ExamObjectType), body, lane, HubSpotCallKind.Standard, Retryable: false, ExamMapping.ObjectName),
            HubSpotJsonContext.Default.HubSpotObject, cancellationToken);
        return ExamMapping.FromObject(Required(created, "create exam"));
    }

    private static TimeSpan Jitter() => TimeSpan.FromMilliseconds(Random.Shared.Next(0, 100));
}
