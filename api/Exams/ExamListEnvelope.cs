using System.Text.Json.Serialization;

namespace MockExams.Api.Exams;

/// <summary>
/// The shape of <c>GET /api/mock-exams</c> for the OpenAPI document (built by the replica, cached as bytes):
/// one page of exams sorted by exam date, start time and id, with the paging and the total that matched.
/// </summary>
public sealed record ExamListEnvelope(
    bool Success,
    IReadOnlyList<ExamRow> Exams,
    int Page,
    [property: JsonPropertyName("page_size")] int PageSize,
    long Total,
    [property: JsonPropertyName("total_pages")] long TotalPages);
