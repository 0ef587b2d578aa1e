using MockExams.Exams;
using MockExams.Grains.HubSpot;

namespace MockExams.Grains.Exams;

/// <summary>HubSpot's records in replica terms, and intended bookings in HubSpot's.</summary>
public static class HubSpotRecords
{
    public static BookingRecord ToRecord(this HubSpotBooking b, string examId) => new(
        b.Id, b.BookingId ?? b.Id, b.MockExamId ?? examId, b.ContactId, b.StudentId, b.StudentName, b.StudentEmail,
        b.BookingStatus, b.IsActive ?? false, b.Attendance, b.AttendingLocation, b.ExamDate, b.DominantHand, b.CreatedAt,
        b.LastModified, b.Archived);

    public static ExamRecord ToRecord(this HubSpotExam e) => new(
        e.Id, e.MockExamName, e.MockType, e.ExamDate, e.StartTime, e.EndTime, e.Location, e.Capacity,
        e.TotalBookings ?? 0, e.IsActive ?? false, e.CreatedAt, e.LastModified, e.Archived);

    public static NewBooking ToNewBooking(this IntendedBooking b, string examId) => new(
        b.BookingId, examId, b.ContactId, b.StudentId, b.StudentName, b.StudentEmail, BookingStatuses.Booked, IsActive: true,
        b.AttendingLocation, b.ExamDate, b.DominantHand);

    public static ExamChanges ToChanges(this ExamUpdate? update, int? totalBookings) => new(
        update?.MockExamName, update?.MockType, update?.ExamDate, update?.StartTime, update?.EndTime, update?.Location,
        update?.Capacity, totalBookings, update?.IsActive);

    public static NewExam ToNewExam(this NewExamRequest r, string creationId) => new(
        r.MockExamName, r.MockType, r.ExamDate, r.StartTime, r.EndTime, r.Location, r.Capacity, r.IsActive, CreationId: creationId);
}
