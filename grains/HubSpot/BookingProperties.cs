namespace MockExams.Grains.HubSpot;

/// <summary>HubSpot property names of the booking object (the seed's columns).</summary>
public static class BookingProperties
{
    /// <summary>Our unique-value id of the booking; HubSpot refuses a second record with the same value.</summary>
    public const string BookingId = "booking_id";
    public const string MockExamId = "mock_exam_id";
    public const string ContactId = "contact_id";
    public const string StudentId = "student_id";
    public const string StudentName = "student_name";
    public const string StudentEmail = "student_email";
    public const string BookingStatus = "booking_status";
    public const string IsActive = "is_active";
    public const string Attendance = "attendance";
    public const string AttendingLocation = "attending_location";
    public const string ExamDate = "exam_date";
    public const string DominantHand = "dominant_hand";

    /// <summary>Every property we read, HubSpot's own included.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        BookingId, MockExamId, ContactId, StudentId, StudentName, StudentEmail, BookingStatus, IsActive,
        Attendance, AttendingLocation, ExamDate, DominantHand,
        HubSpotSystemProperties.ObjectId, HubSpotSystemProperties.CreateDate, HubSpotSystemProperties.LastModifiedDate,
    ];
}
