using System.Text.Json.Serialization;

namespace MockExams.Api.Exams;

/// <summary>
/// The shape of <c>GET /api/mock-exams/{id}</c> for the OpenAPI document. The body itself is produced by the
/// replica (the exam row's snake_case columns) and cached as bytes, so this type is never serialized.
/// </summary>
public sealed record ExamEnvelope(bool Success, ExamRow Exam);

/// <summary>One replica row of <c>hubspot_mock_exams</c>, as JSON with the table's column names.</summary>
public sealed record ExamRow(
    Guid Id,
    [property: JsonPropertyName("hubspot_id")] string HubspotId,
    [property: JsonPropertyName("mock_exam_name")] string? MockExamName,
    [property: JsonPropertyName("mock_type")] string? MockType,
    [property: JsonPropertyName("exam_date")] DateOnly? ExamDate,
    [property: JsonPropertyName("start_time")] string? StartTime,
    [property: JsonPropertyName("end_time")] string? EndTime,
    string? Location,
    int? Capacity,
    [property: JsonPropertyName("total_bookings")] int? TotalBookings,
    [property: JsonPropertyName("is_active")] string? IsActive,
    [property: JsonPropertyName("created_at")] DateTimeOffset? CreatedAt,
    [property: JsonPropertyName("updated_at")] DateTimeOffset? UpdatedAt,
    [property: JsonPropertyName("synced_at")] DateTimeOffset? SyncedAt,
    [property: JsonPropertyName("hs_last_modified_at")] DateTimeOffset? HsLastModifiedAt,
    [property: JsonPropertyName("deleted_at")] DateTimeOffset? DeletedAt);
