using MockExams.Exams;

namespace MockExams.Api.Bookings;

/// <summary>
/// One booking as every endpoint answers it (reads build the same fields in Postgres: <c>grains/Replica/PublicRows.cs</c>).
/// <c>updated_at</c> is HubSpot's last modification time, as <c>hs_last_modified_at</c>.
/// </summary>
public sealed record BookingRow(
    string HubspotId, string BookingId, string MockExamId, string? ContactId, string? StudentId, string? StudentName,
    string? StudentEmail, string? BookingStatus, string IsActive, string? Attendance, string? AttendingLocation,
    DateOnly? ExamDate, string? DominantHand, DateTimeOffset? CreatedAt, DateTimeOffset UpdatedAt,
    DateTimeOffset HsLastModifiedAt)
{
    public static BookingRow From(BookingRecord b) => new(
        b.HubSpotId, b.BookingId, b.MockExamId, b.ContactId, b.StudentId, b.StudentName, b.StudentEmail, b.BookingStatus,
        WriteJson.Flag(b.IsActive), b.Attendance, b.AttendingLocation, b.ExamDate, b.DominantHand, b.CreatedAt,
        b.LastModifiedAt, b.LastModifiedAt);
}

/// <summary><c>{"success": true, "booking": {...}}</c>, the seed's envelope.</summary>
public sealed record BookingEnvelope(bool Success, BookingRow Booking);
