using MockExams.Exams;

namespace MockExams.Tests.Fixtures;

/// <summary>
/// Records for <see cref="IMockExamGrain.ApplyRemoteChangesAsync"/>: a real write through the exam grain's queue
/// (write version bumped, replica committed, keys invalidated) that needs no HubSpot call.
/// </summary>
internal static class RemoteChangeRecords
{
    public static ExamRecord Exam(string examId, string location, string name) => new(
        examId, name, "Situational Judgment", new DateOnly(2027, 3, 14), "09:00", "12:00", location, 20, 0, true,
        DateTimeOffset.UtcNow.AddDays(-1), NewerThanAnyRow, Archived: false);

    public static BookingRecord Booking(string examId) =>
        new(Guid.NewGuid().ToString("N")[..11], $"BK-{Guid.NewGuid():N}", examId, "contact-1", "student-1", "Student One",
            "student1@example.com", BookingStatuses.Booked, IsActive: true, Attendance: null, AttendingLocation: "Toronto",
            ExamDate: new DateOnly(2027, 3, 14), DominantHand: "right", CreatedAt: DateTimeOffset.UtcNow.AddYears(1),
            LastModifiedAt: NewerThanAnyRow, Archived: false);

    // The replica keeps the newer of two versions; test rows were written "now".
    private static DateTimeOffset NewerThanAnyRow => DateTimeOffset.UtcNow.AddMinutes(5);
}
