using MockExams.Api.Bookings;
using MockExams.Exams;

namespace MockExams.Api.Exams;

/// <summary>
/// One mock exam as every endpoint answers it (reads build the same fields in Postgres: <c>grains/Replica/PublicRows.cs</c>).
/// <c>is_active</c> is the text HubSpot and the replica hold ("true"/"false"); <c>updated_at</c> is HubSpot's last
/// modification time, as <c>hs_last_modified_at</c>.
/// </summary>
public sealed record ExamRow(
    string HubspotId, string? MockExamName, string? MockType, DateOnly? ExamDate, string? StartTime, string? EndTime,
    string? Location, int? Capacity, int? TotalBookings, string? IsActive, DateTimeOffset? CreatedAt,
    DateTimeOffset? UpdatedAt, DateTimeOffset? HsLastModifiedAt)
{
    public static ExamRow From(ExamRecord e) => new(
        e.HubSpotId, e.MockExamName, e.MockType, e.ExamDate, e.StartTime, e.EndTime, e.Location, e.Capacity,
        e.TotalBookings, WriteJson.Flag(e.IsActive), e.CreatedAt, e.LastModifiedAt, e.LastModifiedAt);
}
