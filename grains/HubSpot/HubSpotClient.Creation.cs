using MockExams.Grains.HubSpot.Wire;

namespace MockExams.Grains.HubSpot;

public sealed partial class HubSpotClient
{
    /// <summary>How the create loop makes, recognises and finds again one object type's records.</summary>
    /// <param name="UniqueProperty">The unique property each input carries (its key), also its objectWriteTraceId.</param>
    private sealed record CreateSpec<TNew>(
        string ObjectType, string ObjectName, string UniqueProperty, IReadOnlyList<string> Properties,
        Func<TNew, string> KeyOf, Func<TNew, CreateInput> ToInput);

    /// <summary>What became of one input of a create, before it is mapped to its record type.</summary>
    private readonly record struct CreateOutcome(CreateStatus Status, HubSpotObject? Record, HubSpotInputError? Error);

    private CreateSpec<NewBooking> BookingCreates => new(
        _options.BookingObjectType, BookingMapping.ObjectName, BookingProperties.BookingId, BookingProperties.All, b => b.BookingId, ToCreateInput);

    private CreateSpec<NewExam> ExamCreates => new(
        _options.ExamObjectType, ExamMapping.ObjectName, ExamProperties.CreationId, ExamProperties.All,
        e => e.CreationId ?? throw new ArgumentException("An exam created in a batch needs a creation id.", nameof(e)),
        e => new CreateInput(ExamMapping.ToProperties(e), [], e.CreationId));

    /// <summary>
    /// Creates records, 100 per batch/create, each input keyed by its unique property (also its objectWriteTraceId, so
    /// one bad input fails alone). Safe to call again with the same inputs: a key HubSpot already holds comes back as
    /// <see cref="CreateStatus.AlreadyExisted"/>. After a timeout or 5xx the inputs are looked up by key and only the
    /// missing ones are sent again.
    /// </summary>
    private async Task<Dictionary<string, CreateOutcome>> CreateAsync<TNew>(
        CreateSpec<TNew> spec, IReadOnlyList<TNew> inputs, HubSpotLane lane, HubSpotBudgetReservation? reservation, CancellationToken cancellationToken)
    {
        var duplicate = inputs.GroupBy(spec.KeyOf, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"{spec.UniqueProperty} {duplicate.Key} appears twice in one create.", nameof(inputs));
        }

        var results = new Dictionary<string, CreateOutcome>(StringComparer.Ordinal);
        foreach (var chunk in inputs.Chunk(BatchSize))
        {
            await CreateChunkAsync(spec, chunk, lane, results, reservation, cancellationToken);
        }

        return results;
    }

    private async Task CreateChunkAsync<TNew>(
        CreateSpec<TNew> spec, TNew[] chunk, HubSpotLane lane, Dictionary<string, CreateOutcome> results, HubSpotBudgetReservation? reservation,
        CancellationToken cancellationToken)
    {
        List<TNew> pending = [.. chunk];
        // Once a create may have reached HubSpot (an earlier chunk, or an attempt without a usable answer), a refusal
        // by the budget no longer means "nothing was created": the caller must hold the seats and look the records up.
        var mayHaveLanded = results.Count > 0;
        try
        {
            await CreateUntilAnsweredAsync(spec, pending, lane, results, reservation, () => mayHaveLanded = true, cancellationToken);
        }
        catch (HubSpotOverBudgetException ex) when (mayHaveLanded)
        {
            throw new HubSpotTransientException(
                $"The outcome of {chunk.Length} {spec.ObjectName} creates is unknown: a create got no usable answer and the look-up by {spec.UniqueProperty} could not get budget ({ex.Message}).",
                ex.StatusCode, ex.CorrelationId, ex);
        }
    }

    private async Task CreateUntilAnsweredAsync<TNew>(
        CreateSpec<TNew> spec, List<TNew> pending, HubSpotLane lane, Dictionary<string, CreateOutcome> results, HubSpotBudgetReservation? reservation,
        Action sent, CancellationToken cancellationToken)
    {
        // An attempt without a usable answer may still be carried out later (a late write): a refusal of a later attempt
        // then says nothing about whether the record will exist.
        var earlierAttemptUnanswered = false;
        for (var attempt = 1; ; attempt++)
        {
            BatchResponse? answer;
            try
            {
                answer = await SendCreateAsync(spec, pending, lane, reservation, cancellationToken);
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
                // Look the records up by key and send only the ones HubSpot does not have.
                sent();
                earlierAttemptUnanswered = true;
                LogCreateSettling(_logger, pending.Count, attempt, ex.GetType().Name);
                foreach (var (key, record) in await FindByKeyAsync(spec, pending, lane, cancellationToken))
                {
                    results[key] = new CreateOutcome(CreateStatus.AlreadyExisted, record, null);
                }
                pending.RemoveAll(n => results.ContainsKey(spec.KeyOf(n)));
                if (pending is [])
                {
                    return;
                }
                if (attempt >= MaxCreateAttempts)
                {
                    throw new HubSpotTransientException(
                        $"{pending.Count} {spec.ObjectName}s were not created after {attempt} attempts (none exists in HubSpot); the first is {spec.KeyOf(pending[0])}.",
                        (ex as HubSpotException)?.StatusCode, (ex as HubSpotException)?.CorrelationId, ex);
                }
                await Task.Delay(TimeSpan.FromMilliseconds(250 * (1 << attempt)) + Jitter(), _time, cancellationToken);
                continue;
            }
            catch (HubSpotValidationException ex) when (earlierAttemptUnanswered)
            {
                // The whole batch refused, but an earlier attempt may still land (a late write): unknown, not refused.
                throw new HubSpotTransientException(
                    $"HubSpot refused a {spec.ObjectName} batch create whose earlier attempt got no answer and may still be carried out; its outcome is unknown.",
                    ex.StatusCode, ex.CorrelationId, ex);
            }
            sent();
            var unanswered = await SettleAnswerAsync(spec, pending, answer, lane, results, cancellationToken);
            if (earlierAttemptUnanswered && pending.Any(n => results.TryGetValue(spec.KeyOf(n), out var r) && r.Status == CreateStatus.Failed))
            {
                throw new HubSpotTransientException(
                    $"HubSpot refused a {spec.ObjectName} create whose earlier attempt got no answer and may still be carried out; its outcome is unknown.",
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
                    $"HubSpot answered {unanswered.Count} {spec.ObjectName} creates with neither a result nor an error; the first is {spec.KeyOf(unanswered[0])}.",
                    null, null);
            }

            pending = unanswered;
        }
    }

    /// <summary>One batch/create; <paramref name="reservation"/>, while unspent, pays for it.</summary>
    private Task<BatchResponse?> SendCreateAsync<TNew>(
        CreateSpec<TNew> spec, List<TNew> pending, HubSpotLane lane, HubSpotBudgetReservation? reservation, CancellationToken cancellationToken)
    {
        var body = Serialize(new BatchInputs<CreateInput>([.. pending.Select(spec.ToInput)]), HubSpotJsonContext.Default.BatchInputsCreateInput);
        // Retryable: false. A repeat after a timeout is exactly the blind re-send we must not do;
        // CreateUntilAnsweredAsync settles the unknown outcome by looking the records up.
        return _transport.SendAsync(
            new HubSpotCall(HttpMethod.Post, _paths.Batch(spec.ObjectType, "create"), body, lane, HubSpotCallKind.Standard, Retryable: false, spec.ObjectName, Reservation: reservation),
            HubSpotJsonContext.Default.BatchResponse, cancellationToken);
    }

    /// <summary>Records HubSpot's answer per input; returns the inputs it left unanswered (looked up and not found).</summary>
    private async Task<List<TNew>> SettleAnswerAsync<TNew>(
        CreateSpec<TNew> spec, List<TNew> pending, BatchResponse? answer, HubSpotLane lane, Dictionary<string, CreateOutcome> results,
        CancellationToken cancellationToken)
    {
        answer = Required(answer, "batch create");
        var created = new Dictionary<string, HubSpotObject>(StringComparer.Ordinal);
        foreach (var o in answer.Results ?? [])
        {
            if ((o.ObjectWriteTraceId ?? o.Properties?.GetValueOrDefault(spec.UniqueProperty)) is { } key)
            {
                created[key] = o;
            }
        }
        var errors = ErrorBodiesByInput(answer);
        List<TNew> conflicting = [];
        foreach (var input in pending)
        {
            var key = spec.KeyOf(input);
            if (created.TryGetValue(key, out var o))
            {
                results[key] = new CreateOutcome(CreateStatus.Created, o, null);
            }
            else if (errors.GetValueOrDefault(key) is not { } error || HubSpotErrors.IsUniqueConflict(error))
            {
                conflicting.Add(input);
            }
            else
            {
                results[key] = new CreateOutcome(CreateStatus.Failed, null, HubSpotErrors.ToInputError(error));
            }
        }
        if (conflicting is [])
        {
            return [];
        }
        // The key already taken (an earlier create of ours landed), or no answer at all for the input: look it up.
        var existing = await FindByKeyAsync(spec, conflicting, lane, cancellationToken);
        List<TNew> unanswered = [];
        foreach (var input in conflicting)
        {
            var key = spec.KeyOf(input);
            if (existing.TryGetValue(key, out var found))
            {
                results[key] = new CreateOutcome(CreateStatus.AlreadyExisted, found, null);
            }
            else if (errors.GetValueOrDefault(key) is { } conflict)
            {
                results[key] = new CreateOutcome(CreateStatus.Failed, null, HubSpotErrors.ToInputError(conflict));
            }
            else
            {
                unanswered.Add(input);
            }
        }
        return unanswered;
    }

    /// <summary>The records HubSpot holds for these inputs' keys (batch read by the unique property), by key.</summary>
    private async Task<Dictionary<string, HubSpotObject>> FindByKeyAsync<TNew>(
        CreateSpec<TNew> spec, IReadOnlyCollection<TNew> inputs, HubSpotLane lane, CancellationToken cancellationToken)
    {
        var found = await BatchReadAsync(
            spec.ObjectType, spec.ObjectName, [.. spec.Properties.Append(spec.UniqueProperty).Distinct()], [.. inputs.Select(spec.KeyOf)],
            spec.UniqueProperty, lane, cancellationToken);
        return found.Where(o => o.Properties?.GetValueOrDefault(spec.UniqueProperty) is not null)
            .ToDictionary(o => o.Properties![spec.UniqueProperty]!, StringComparer.Ordinal);
    }

    /// <summary>
    /// Creates exams, 100 per batch/create, each keyed by its <see cref="NewExam.CreationId"/> (required), settled as
    /// bookings' creates are. Results in input order. Throws as
    /// <see cref="CreateBookingsAsync(IReadOnlyList{NewBooking}, HubSpotLane, CancellationToken)"/> does.
    /// </summary>
    public async Task<IReadOnlyList<ExamCreateResult>> CreateExamsAsync(
        IReadOnlyList<NewExam> exams, HubSpotBudgetReservation reservation, CancellationToken cancellationToken = default)
    {
        var spec = ExamCreates;
        var results = await CreateAsync(spec, exams, reservation.Lane, reservation, cancellationToken);
        return [.. exams.Select(e => results[spec.KeyOf(e)]).Select((r, i) =>
            new ExamCreateResult(exams[i].CreationId!, r.Status, r.Record is null ? null : ExamMapping.FromObject(r.Record), r.Error))];
    }

    /// <summary>
    /// Creates one exam outside the shared writer (tools and tests; the api's creates go through
    /// <c>HubSpotBatchWriter</c>): the same keyed create loop as <see cref="CreateExamsAsync"/>, with a
    /// <see cref="NewExam.CreationId"/> minted when the exam has none. A refusal is a <see cref="HubSpotValidationException"/>;
    /// a <see cref="HubSpotTransientException"/> means the outcome is unknown (look it up by the creation id).
    /// </summary>
    public async Task<HubSpotExam> CreateExamAsync(NewExam exam, HubSpotLane lane, CancellationToken cancellationToken = default)
    {
        exam = exam with { CreationId = exam.CreationId ?? Guid.NewGuid().ToString("N") };
        var outcome = (await CreateAsync(ExamCreates, [exam], lane, reservation: null, cancellationToken))[exam.CreationId!];
        return outcome.Record is { } record
            ? ExamMapping.FromObject(record)
            : throw new HubSpotValidationException(
                $"HubSpot refused the exam: {outcome.Error?.Message}",
                outcome.Error is { } error ? [new HubSpotErrorDetail(error.Message, null, error.PropertyName)] : [],
                400, outcome.Error?.Category, null);
    }

    private static TimeSpan Jitter() => TimeSpan.FromMilliseconds(Random.Shared.Next(0, 100));
}
