using System.Text.Json.Serialization;
using MockExams.Api.Bookings;

namespace MockExams.Api.Exams;

/// <summary>
/// The shape of <c>GET /api/mock-exams/{id}/bookings</c> for the OpenAPI document (built by the replica, cached
/// as bytes, the page cut by the api): one page of the exam's bookings that are not soft-deleted, oldest first,
/// with the paging and the total that matched.
/// </summary>
public sealed record BookingsEnvelope(
    bool Success,
    IReadOnlyList<BookingRow> Bookings,
    int Page,
    [property: JsonPropertyName("page_size")] int PageSize,
    long Total,
    [property: JsonPropertyName("total_pages")] long TotalPages);
