using MockExams.Exams;

namespace MockExams.Catalog;

/// <summary>
/// Reads across exams: the list and the aggregates, cache-aside (Redis, else the replica; never HubSpot).
/// A stateless worker: call it with key 0, every silo answers locally.
/// </summary>
[Alias("mockexams.IExamCatalogGrain")]
public interface IExamCatalogGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// One page of exams, sorted by exam date, start time and id, soft-deleted exams left out:
    /// <c>{"success": true, "exams": [...], "page", "page_size", "total", "total_pages"}</c>.
    /// </summary>
    Task<JsonBody> ListExamsAsync(ExamListQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Capacity, booked seats, seats left and utilisation per exam date, location and type, plus totals:
    /// <c>{"success": true, "aggregates": [...], "totals": {...}}</c>.
    /// </summary>
    Task<JsonBody> GetAggregatesAsync(ExamFilter filter, CancellationToken cancellationToken = default);
}
