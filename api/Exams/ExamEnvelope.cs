namespace MockExams.Api.Exams;

/// <summary>
/// The shape of <c>GET /api/mock-exams/{id}</c> for the OpenAPI document. The body itself is produced by the
/// replica (the exam row's snake_case columns) and cached as bytes, so this type is never serialized.
/// </summary>
public sealed record ExamEnvelope(bool Success, ExamRow Exam);

/// <summary>One replica row of <c>hubspot_mock_exams</c>, as JSON with the table's column names.</summary>
public sealed record ExamRow(
    Guid Id, string HubspotId, string? MockExamName, string? MockType, DateOnly? ExamDate, string? StartTime,
    string? EndTime, string? Location, int? Capacity, int? TotalBookings, string? IsActive,
    DateTimeOffset? CreatedAt, DateTimeOffset? UpdatedAt, DateTimeOffset? SyncedAt,
    DateTimeOffset? HsLastModifiedAt, DateTimeOffset? DeletedAt);
