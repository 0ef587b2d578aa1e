using MockExams.Api.Bookings;
using MockExams.Exams;

namespace MockExams.Api.Exams;

/// <summary>One exam as the write endpoints answer it, in the replica's column names.</summary>
public sealed record ExamWriteRow(
    string HubspotId, string? MockExamName, string? MockType, DateOnly? ExamDate, string? StartTime, string? EndTime,
    string? Location, int? Capacity, int TotalBookings, string IsActive, DateTimeOffset? CreatedAt,
    DateTimeOffset HsLastModifiedAt)
{
    public static ExamWriteRow From(ExamRecord e) => new(
        e.HubSpotId, e.MockExamName, e.MockType, e.ExamDate, e.StartTime, e.EndTime, e.Location, e.Capacity,
        e.TotalBookings, WriteJson.Flag(e.IsActive), e.CreatedAt, e.LastModifiedAt);
}

/// <summary><c>{"success": true, "exam": {...}}</c>; exam is null after an archive.</summary>
public sealed record ExamWriteEnvelope(bool Success, ExamWriteRow? Exam);

public sealed record BatchActivateResult(string ExamId, string Status, string? Reason, string? Detail, ExamWriteRow? Exam);

public sealed record BatchActivateEnvelope(bool Success, int Changed, IReadOnlyList<BatchActivateResult> Results);
