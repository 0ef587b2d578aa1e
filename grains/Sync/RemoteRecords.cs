using MockExams.Exams;
using MockExams.Grains.HubSpot;

namespace MockExams.Grains.Sync;

/// <summary>HubSpot records in replica terms, and tombstones for records HubSpot no longer returns.</summary>
public static class RemoteRecords
{
    public static ExamRecord ToRecord(this HubSpotExam exam) => new(
        exam.Id, exam.MockExamName, exam.MockType, exam.ExamDate, exam.StartTime, exam.EndTime, exam.Location,
        exam.Capacity, exam.TotalBookings ?? 0, exam.IsActive ?? false, exam.CreatedAt, exam.LastModified, exam.Archived);

    /// <summary>
    /// A booking in replica terms. <paramref name="examIdFallback"/> fills a missing <c>mock_exam_id</c> property (a
    /// booking made in HubSpot's UI may only be associated with its exam); empty when neither is known. A missing
    /// <c>booking_id</c> (also possible for such bookings) becomes empty, which the replica stores as null.
    /// </summary>
    public static BookingRecord ToRecord(this HubSpotBooking booking, string? examIdFallback = null) => new(
        booking.Id, booking.BookingId ?? "", booking.MockExamId ?? examIdFallback ?? "", booking.ContactId, booking.StudentId,
        booking.StudentName, booking.StudentEmail, booking.BookingStatus, booking.IsActive ?? false, booking.Attendance,
        booking.AttendingLocation, booking.ExamDate, booking.DominantHand, booking.CreatedAt, booking.LastModified, booking.Archived);

    /// <summary>
    /// The replica's row marked archived, as the soft delete of a record HubSpot archived or deleted. Its version is
    /// the deletion time when known, and always newer than the row's, so the never-older rule lets it through; a
    /// later restore in HubSpot carries a newer last-modified time still, and revives the row.
    /// </summary>
    public static ExamRecord Tombstone(this ExamRecord row, DateTimeOffset? deletedAt) =>
        row with { Archived = true, LastModifiedAt = After(row.LastModifiedAt, deletedAt) };

    /// <inheritdoc cref="Tombstone(ExamRecord, DateTimeOffset?)"/>
    public static BookingRecord Tombstone(this BookingRecord row, DateTimeOffset? deletedAt) =>
        row with { Archived = true, LastModifiedAt = After(row.LastModifiedAt, deletedAt) };

    private static DateTimeOffset After(DateTimeOffset current, DateTimeOffset? deletedAt) =>
        deletedAt is { } at && at > current ? at : current.AddMilliseconds(1);
}
