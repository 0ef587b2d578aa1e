using System.Globalization;
using System.Runtime.CompilerServices;
using MockExams.Grains.HubSpot.Wire;

namespace MockExams.Grains.HubSpot;

public sealed partial class HubSpotClient
{
    /// <summary>HubSpot's largest list page.</summary>
    private const int ListPageSize = 100;

    /// <summary>HubSpot's largest search page.</summary>
    private const int SearchPageSize = 200;

    /// <summary>HubSpot refuses to page a search past this many results.</summary>
    private const int SearchResultCap = 10_000;

    private async Task<List<HubSpotObject>> BatchReadAsync(
        string objectType, string objectName, IReadOnlyList<string> properties, IReadOnlyCollection<string> ids, string? idProperty,
        HubSpotLane lane, CancellationToken cancellationToken)
    {
        List<HubSpotObject> found = [];
        foreach (var chunk in ids.Distinct(StringComparer.Ordinal).Chunk(BatchSize))
        {
            var body = Serialize(new BatchReadRequest(properties, [.. chunk.Select(id => new ObjectRef(id))], idProperty), HubSpotJsonContext.Default.BatchReadRequest);
            // A 207 lists the ids HubSpot does not know under errors (OBJECT_NOT_FOUND); absence is the answer we want.
            var answer = await _transport.SendAsync(
                new HubSpotCall(HttpMethod.Post, _paths.Batch(objectType, "read"), body, lane, HubSpotCallKind.Standard, Retryable: true, objectName),
                HubSpotJsonContext.Default.BatchResponse, cancellationToken);
            found.AddRange(answer?.Results ?? []);
        }
        return found;
    }

    private async IAsyncEnumerable<HubSpotObject> ListAsync(
        string objectType, string objectName, IReadOnlyList<string> properties, bool archived, HubSpotLane lane,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? after = null;
        do
        {
            var path = $"{_paths.Objects(objectType)}?limit={ListPageSize}&{HubSpotPaths.PropertiesQuery(properties)}"
                + $"&archived={(archived ? "true" : "false")}"
                + (after is null ? "" : $"&after={Uri.EscapeDataString(after)}");
            var page = Required(await _transport.SendAsync(
                new HubSpotCall(HttpMethod.Get, path, null, lane, HubSpotCallKind.Standard, Retryable: true, objectName),
                HubSpotJsonContext.Default.PagedResponse, cancellationToken), "list");
            foreach (var o in page.Results ?? [])
            {
                yield return o;
            }
            after = page.Paging?.Next?.After;
        }
        while (after is not null);
    }

    /// <summary>
    /// Search by <c>hs_lastmodifieddate</c> ascending. Each page is a fresh query from the last
    /// timestamp seen (GTE), skipping the ids already returned at that timestamp, rather than
    /// an offset into one query: that never meets HubSpot's 10,000-result cap, and a record
    /// modified while we page cannot shift the rest and make us skip one.
    /// </summary>
    private async IAsyncEnumerable<HubSpotObject> SearchModifiedSinceAsync(
        string objectType, string objectName, IReadOnlyList<string> properties, DateTimeOffset since, HubSpotLane lane,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var boundary = DateTimeOffset.FromUnixTimeMilliseconds(since.ToUnixTimeMilliseconds());
        var seenAtBoundary = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            // Records at the boundary sort first, in HubSpot's stable tie order: skip the ones we have.
            var offset = seenAtBoundary.Count;
            if (offset + SearchPageSize > SearchResultCap)
            {
                throw new HubSpotUnexpectedResponseException(
                    $"More than {SearchResultCap - SearchPageSize} {objectName} records share the modification time {boundary:O}; search cannot page through them.",
                    null, null, null);
            }
            var request = new SearchRequest(
                [new FilterGroup([new SearchFilter(HubSpotSystemProperties.LastModifiedDate, "GTE",
                    boundary.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture))])],
                [new SearchSort(HubSpotSystemProperties.LastModifiedDate, "ASCENDING")],
                properties, SearchPageSize, offset == 0 ? null : offset.ToString(CultureInfo.InvariantCulture));
            var page = Required(await _transport.SendAsync(
                new HubSpotCall(HttpMethod.Post, _paths.Search(objectType), Serialize(request, HubSpotJsonContext.Default.SearchRequest),
                    lane, HubSpotCallKind.Search, Retryable: true, objectName),
                HubSpotJsonContext.Default.PagedResponse, cancellationToken), "search");
            var results = page.Results ?? [];
            foreach (var o in results)
            {
                var modified = new HubSpotPropertyReader(objectName, o.Id, o.Properties ?? [])
                    .RequiredDateTime(HubSpotSystemProperties.LastModifiedDate, o.UpdatedAt);
                if (modified > boundary)
                {
                    boundary = modified;
                    seenAtBoundary.Clear();
                }
                if (modified < boundary || seenAtBoundary.Add(o.Id))
                {
                    yield return o;
                }
            }
            if (page.Paging?.Next is null || results is [])
            {
                yield break;
            }
        }
    }

    private async Task<List<string>> AssociatedIdsAsync(
        string fromType, string fromId, string toType, HubSpotLane lane, CancellationToken cancellationToken)
    {
        List<string> ids = [];
        string? after = null;
        do
        {
            var body = Serialize(new BatchInputs<AssociationReadInput>([new AssociationReadInput(fromId, after)]), HubSpotJsonContext.Default.BatchInputsAssociationReadInput);
            // A 207 with OBJECT_NOT_FOUND means the record has no associations of this type.
            var answer = await _transport.SendAsync(
                new HubSpotCall(HttpMethod.Post, _paths.AssociationsBatchRead(fromType, toType), body, lane, HubSpotCallKind.Standard, Retryable: true, "association", fromId),
                HubSpotJsonContext.Default.AssociationBatchResponse, cancellationToken);
            var result = answer?.Results?.FirstOrDefault(r => r.From.Id == fromId);
            ids.AddRange((result?.To ?? []).Select(t => t.ToObjectId));
            after = result?.Paging?.Next?.After;
        }
        while (after is not null);
        return ids;
    }

    /// <summary>A batch answer's errors by the input they belong to (objectWriteTraceId, else the ids in context).</summary>
    private static Dictionary<string, HubSpotErrorBody> ErrorBodiesByInput(BatchResponse answer)
    {
        var byInput = new Dictionary<string, HubSpotErrorBody>(StringComparer.Ordinal);
        foreach (var error in answer.Errors ?? [])
        {
            var keys = error.Context?.GetValueOrDefault("objectWriteTraceId") ?? error.Context?.GetValueOrDefault("ids") ?? [];
            foreach (var key in keys)
            {
                byInput.TryAdd(key, error);
            }
        }
        return byInput;
    }

    private static Dictionary<string, HubSpotInputError> ErrorsByInput(BatchResponse answer) =>
        ErrorBodiesByInput(answer).ToDictionary(e => e.Key, e => HubSpotErrors.ToInputError(e.Value), StringComparer.Ordinal);
}
