using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MockExams.Grains.HubSpot.Wire;

namespace MockExams.Grains.HubSpot;

/// <summary>
/// The HubSpot CRM calls MockExams makes, as domain operations (no URL leaves this type). Every
/// request first takes budget from the cluster-wide <see cref="IHubSpotBudget"/> in the caller's
/// <see cref="HubSpotLane"/>; failures are <see cref="HubSpotException"/> subtypes.
/// Registered as a typed HttpClient by <see cref="HubSpotRegistration.AddHubSpot"/>.
/// </summary>
public sealed partial class HubSpotClient
{
    /// <summary>HubSpot's input limit for every object batch endpoint.</summary>
    public const int BatchSize = 100;

    private readonly HubSpotTransport _transport;
    private readonly HubSpotOptions _options;
    private readonly HubSpotPaths _paths;
    private readonly TimeProvider _time;
    private readonly ILogger<HubSpotClient> _logger;

    public HubSpotClient(
        HttpClient http, IHubSpotBudget budget, IOptions<HubSpotOptions> options, HubSpotMetrics metrics,
        TimeProvider time, ILogger<HubSpotClient> logger)
    {
        _options = options.Value;
        _paths = new HubSpotPaths(_options);
        _time = time;
        _logger = logger;
        _transport = new HubSpotTransport(http, budget, _options, metrics, time, logger);
    }

    /// <summary>Reads one exam; null when HubSpot has no such (unarchived) record.</summary>
    public async Task<HubSpotExam?> GetExamAsync(string examId, HubSpotLane lane, CancellationToken cancellationToken = default)
    {
        var path = $"{_paths.Object(_options.ExamObjectType, examId)}?{HubSpotPaths.PropertiesQuery(ExamProperties.All)}";
        var found = await _transport.SendAsync(
            new HubSpotCall(HttpMethod.Get, path, null, lane, HubSpotCallKind.Standard, Retryable: true, ExamMapping.ObjectName, examId),
            HubSpotJsonContext.Default.HubSpotObject, cancellationToken, notFoundIsNull: true);
        return found is null ? null : ExamMapping.FromObject(found);
    }

    /// <summary>Reads exams by id, 100 per call; ids HubSpot does not know are left out.</summary>
    public async Task<IReadOnlyList<HubSpotExam>> GetExamsAsync(
        IReadOnlyCollection<string> examIds, HubSpotLane lane, CancellationToken cancellationToken = default)
    {
        var found = await BatchReadAsync(_options.ExamObjectType, ExamMapping.ObjectName, ExamProperties.All, examIds, null, lane, cancellationToken);
        return [.. found.Select(ExamMapping.FromObject)];
    }

    /// <summary>Changes the given properties of an exam (repeatable: the same values twice change nothing).</summary>
    public async Task<HubSpotExam> UpdateExamAsync(string examId, ExamChanges changes, HubSpotLane lane, CancellationToken cancellationToken = default)
    {
        var properties = ExamMapping.ToProperties(changes);
        if (properties.Count == 0)
        {
            throw new ArgumentException("An exam update needs at least one change.", nameof(changes));
        }
        var body = Serialize(new PropertiesInput(properties), HubSpotJsonContext.Default.PropertiesInput);
        var updated = await _transport.SendAsync(
            new HubSpotCall(HttpMethod.Patch, _paths.Object(_options.ExamObjectType, examId), body, lane, HubSpotCallKind.Standard, Retryable: true, ExamMapping.ObjectName, examId),
            HubSpotJsonContext.Default.HubSpotObject, cancellationToken);
        return ExamMapping.FromObject(Required(updated, "update exam"));
    }

    /// <summary>
    /// Sets <c>total_bookings</c> of many exams, 100 per batch/update (repeatable: the same value twice changes
    /// nothing). Returns the exams HubSpot updated, as it now holds them, by id; an exam it does not have (archived,
    /// deleted) is left out.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, HubSpotExam>> UpdateExamTotalsAsync(
        IReadOnlyCollection<(string ExamId, int TotalBookings)> totals, HubSpotLane lane, CancellationToken cancellationToken = default)
    {
        Dictionary<string, HubSpotExam> updated = new(StringComparer.Ordinal);
        foreach (var chunk in totals.Chunk(BatchSize))
        {
            var inputs = chunk.Select(t => new UpdateInput(
                t.ExamId, new Dictionary<string, string> { [ExamProperties.TotalBookings] = HubSpotValues.FormatInt(t.TotalBookings) }, t.ExamId)).ToList();
            var body = Serialize(new BatchInputs<UpdateInput>(inputs), HubSpotJsonContext.Default.BatchInputsUpdateInput);
            var answer = Required(await _transport.SendAsync(
                new HubSpotCall(HttpMethod.Post, _paths.Batch(_options.ExamObjectType, "update"), body, lane, HubSpotCallKind.Standard, Retryable: true, ExamMapping.ObjectName),
                HubSpotJsonContext.Default.BatchResponse, cancellationToken), "batch update");
            foreach (var exam in answer.Results ?? [])
            {
                updated[exam.Id] = ExamMapping.FromObject(exam);
            }
        }
        return updated;
    }

    /// <summary>Archives an exam (HubSpot's recycle bin, 90 days). Archiving a missing or archived exam is not an error.</summary>
    public Task ArchiveExamAsync(string examId, HubSpotLane lane, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(
            new HubSpotCall(HttpMethod.Delete, _paths.Object(_options.ExamObjectType, examId), null, lane, HubSpotCallKind.Standard, Retryable: true, ExamMapping.ObjectName, examId),
            cancellationToken, notFoundIsSuccess: true);

    /// <summary>Every exam, 100 per call; with <paramref name="archived"/>, only the archived ones (HubSpot's meaning).</summary>
    public async IAsyncEnumerable<HubSpotExam> ListExamsAsync(
        HubSpotLane lane, bool archived = false, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var o in ListAsync(_options.ExamObjectType, ExamMapping.ObjectName, ExamProperties.All, archived, lane, cancellationToken))
        {
            yield return ExamMapping.FromObject(o);
        }
    }

    /// <summary>
    /// Exams modified at or after <paramref name="since"/>, oldest change first, each version once.
    /// Uses the search budget (not the 10-second one). Search lags writes by a few seconds: callers
    /// should start a little before their watermark.
    /// </summary>
    public async IAsyncEnumerable<HubSpotExam> SearchExamsModifiedSinceAsync(
        DateTimeOffset since, HubSpotLane lane, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var o in SearchModifiedSinceAsync(_options.ExamObjectType, ExamMapping.ObjectName, ExamProperties.All, since, lane, cancellationToken))
        {
            yield return ExamMapping.FromObject(o);
        }
    }

    private static byte[] Serialize<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        JsonSerializer.SerializeToUtf8Bytes(value, type);

    private static T Required<T>(T? answer, string operation) where T : class =>
        answer ?? throw new HubSpotUnexpectedResponseException($"HubSpot answered {operation} without a body.", null, null, null);
}
