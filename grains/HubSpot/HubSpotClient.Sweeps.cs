using System.Globalization;
using MockExams.Grains.HubSpot.Wire;

namespace MockExams.Grains.HubSpot;

/// <summary>
/// Page-at-a-time reads for copying every record (backfill) and comparing every record (reconciliation):
/// the caller keeps the position, so it can checkpoint it and resume a killed copy where it stopped.
/// </summary>
public sealed partial class HubSpotClient
{
    /// <summary>Associations v4 batch/read takes at most this many ids.</summary>
    public const int AssociationBatchSize = 1_000;

    /// <summary>HubSpot's largest search page, the page size of <see cref="SearchExamsByIdDescendingAsync"/>.</summary>
    public const int SearchPageLimit = SearchPageSize;

    /// <summary>One list page of exams (100) from the opaque <paramref name="after"/> cursor (null: the first page).</summary>
    public async Task<HubSpotPage<HubSpotExam>> ListExamsPageAsync(
        string? after, HubSpotLane lane, bool archived = false, CancellationToken cancellationToken = default)
    {
        var page = await ListPageAsync(_options.ExamObjectType, ExamMapping.ObjectName, ExamProperties.All, after, archived, lane, cancellationToken);
        return new HubSpotPage<HubSpotExam>([.. (page.Results ?? []).Select(ExamMapping.FromObject)], page.Paging?.Next?.After);
    }

    /// <summary>One list page of bookings (100) from the opaque <paramref name="after"/> cursor (null: the first page).</summary>
    public async Task<HubSpotPage<HubSpotBooking>> ListBookingsPageAsync(
        string? after, HubSpotLane lane, bool archived = false, CancellationToken cancellationToken = default)
    {
        var page = await ListPageAsync(_options.BookingObjectType, BookingMapping.ObjectName, BookingProperties.All, after, archived, lane, cancellationToken);
        return new HubSpotPage<HubSpotBooking>([.. (page.Results ?? []).Select(BookingMapping.FromObject)], page.Paging?.Next?.After);
    }

    /// <summary>
    /// Up to 200 exams with <paramref name="aboveId"/> &lt; id &lt; <paramref name="belowId"/> (either bound optional),
    /// highest id first (search budget). A keyset page: the next one is asked with <c>belowId</c> = the lowest id seen,
    /// so it never meets the 10,000-result cap and a concurrent change cannot shift a record out of view.
    /// </summary>
    public async Task<HubSpotPage<HubSpotExam>> SearchExamsByIdDescendingAsync(
        long? belowId, long? aboveId, HubSpotLane lane, CancellationToken cancellationToken = default)
    {
        var page = await SearchByIdDescendingAsync(_options.ExamObjectType, ExamMapping.ObjectName, ExamProperties.All, belowId, aboveId, lane, cancellationToken);
        return new HubSpotPage<HubSpotExam>([.. (page.Results ?? []).Select(ExamMapping.FromObject)], null, page.Total);
    }

    /// <summary>The bookings counterpart of <see cref="SearchExamsByIdDescendingAsync"/>.</summary>
    public async Task<HubSpotPage<HubSpotBooking>> SearchBookingsByIdDescendingAsync(
        long? belowId, long? aboveId, HubSpotLane lane, CancellationToken cancellationToken = default)
    {
        var page = await SearchByIdDescendingAsync(_options.BookingObjectType, BookingMapping.ObjectName, BookingProperties.All, belowId, aboveId, lane, cancellationToken);
        return new HubSpotPage<HubSpotBooking>([.. (page.Results ?? []).Select(BookingMapping.FromObject)], null, page.Total);
    }

    /// <summary>
    /// The ids of the bookings associated with each exam (associations v4 batch/read, 1,000 exams per call, each
    /// exam's own paging followed). Exams without bookings are absent from the answer.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> GetBookingIdsForExamsAsync(
        IReadOnlyCollection<string> examIds, HubSpotLane lane, CancellationToken cancellationToken = default)
    {
        var found = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var pending = examIds.Distinct(StringComparer.Ordinal).Select(id => new AssociationReadInput(id)).ToList();
        while (pending.Count > 0)
        {
            var next = new List<AssociationReadInput>();
            foreach (var chunk in pending.Chunk(AssociationBatchSize))
            {
                var body = Serialize(new BatchInputs<AssociationReadInput>(chunk), HubSpotJsonContext.Default.BatchInputsAssociationReadInput);
                // A 207 with OBJECT_NOT_FOUND lists the exams without bookings: nothing to add for them.
                var answer = await _transport.SendAsync(
                    new HubSpotCall(HttpMethod.Post, _paths.AssociationsBatchRead(_options.ExamObjectType, _options.BookingObjectType), body,
                        lane, HubSpotCallKind.Standard, Retryable: true, "association"),
                    HubSpotJsonContext.Default.AssociationBatchResponse, cancellationToken);
                foreach (var result in answer?.Results ?? [])
                {
                    if (!found.TryGetValue(result.From.Id, out var ids))
                    {
                        found[result.From.Id] = ids = [];
                    }
                    ids.AddRange((result.To ?? []).Select(t => t.ToObjectId));
                    if (result.Paging?.Next?.After is { } after)
                    {
                        next.Add(new AssociationReadInput(result.From.Id, after));
                    }
                }
            }
            pending = next;
        }
        return found.ToDictionary(e => e.Key, e => (IReadOnlyList<string>)[.. e.Value.Distinct(StringComparer.Ordinal)], StringComparer.Ordinal);
    }

    /// <summary>Exams HubSpot holds archived (recycle bin), of the given ids; others are left out.</summary>
    public async Task<IReadOnlyList<HubSpotExam>> GetArchivedExamsAsync(
        IReadOnlyCollection<string> examIds, HubSpotLane lane, CancellationToken cancellationToken = default)
    {
        var found = await BatchReadArchivedAsync(_options.ExamObjectType, ExamMapping.ObjectName, ExamProperties.All, examIds, lane, cancellationToken);
        return [.. found.Select(ExamMapping.FromObject)];
    }

    /// <summary>Bookings HubSpot holds archived (recycle bin), of the given ids; others are left out.</summary>
    public async Task<IReadOnlyList<HubSpotBooking>> GetArchivedBookingsAsync(
        IReadOnlyCollection<string> bookingIds, HubSpotLane lane, CancellationToken cancellationToken = default)
    {
        var found = await BatchReadArchivedAsync(_options.BookingObjectType, BookingMapping.ObjectName, BookingProperties.All, bookingIds, lane, cancellationToken);
        return [.. found.Select(BookingMapping.FromObject)];
    }

    private async Task<PagedResponse> ListPageAsync(
        string objectType, string objectName, IReadOnlyList<string> properties, string? after, bool archived, HubSpotLane lane,
        CancellationToken cancellationToken)
    {
        var path = $"{_paths.Objects(objectType)}?limit={ListPageSize}&{HubSpotPaths.PropertiesQuery(properties)}"
            + $"&archived={(archived ? "true" : "false")}"
            + (after is null ? "" : $"&after={Uri.EscapeDataString(after)}");
        return Required(await _transport.SendAsync(
            new HubSpotCall(HttpMethod.Get, path, null, lane, HubSpotCallKind.Standard, Retryable: true, objectName),
            HubSpotJsonContext.Default.PagedResponse, cancellationToken), "list");
    }

    private async Task<PagedResponse> SearchByIdDescendingAsync(
        string objectType, string objectName, IReadOnlyList<string> properties, long? belowId, long? aboveId, HubSpotLane lane,
        CancellationToken cancellationToken)
    {
        List<SearchFilter> filters = [];
        if (belowId is { } below)
        {
            filters.Add(new SearchFilter(HubSpotSystemProperties.ObjectId, "LT", below.ToString(CultureInfo.InvariantCulture)));
        }
        if (aboveId is { } above)
        {
            filters.Add(new SearchFilter(HubSpotSystemProperties.ObjectId, "GT", above.ToString(CultureInfo.InvariantCulture)));
        }
        var request = new SearchRequest(
            filters is [] ? [] : [new FilterGroup(filters)],
            [new SearchSort(HubSpotSystemProperties.ObjectId, "DESCENDING")],
            properties, SearchPageSize, null);
        return Required(await _transport.SendAsync(
            new HubSpotCall(HttpMethod.Post, _paths.Search(objectType), Serialize(request, HubSpotJsonContext.Default.SearchRequest),
                lane, HubSpotCallKind.Search, Retryable: true, objectName),
            HubSpotJsonContext.Default.PagedResponse, cancellationToken), "search");
    }

    private async Task<List<HubSpotObject>> BatchReadArchivedAsync(
        string objectType, string objectName, IReadOnlyList<string> properties, IReadOnlyCollection<string> ids, HubSpotLane lane,
        CancellationToken cancellationToken)
    {
        List<HubSpotObject> found = [];
        foreach (var chunk in ids.Distinct(StringComparer.Ordinal).Chunk(BatchSize))
        {
            var body = Serialize(new BatchReadRequest(properties, [.. chunk.Select(id => new ObjectRef(id))]), HubSpotJsonContext.Default.BatchReadRequest);
            // With archived=true HubSpot returns only archived records; the others come back as OBJECT_NOT_FOUND errors.
            var answer = await _transport.SendAsync(
                new HubSpotCall(HttpMethod.Post, $"{_paths.Batch(objectType, "read")}?archived=true", body, lane, HubSpotCallKind.Standard, Retryable: true, objectName),
                HubSpotJsonContext.Default.BatchResponse, cancellationToken);
            found.AddRange((answer?.Results ?? []).Where(o => o.Archived));
        }
        return found;
    }
}
