namespace MockExams.Exams;

/// <summary>Values of the booking's HubSpot <c>booking_status</c> property that MockExams writes.</summary>
public static class BookingStatuses
{
    public const string Booked = "Booked";
    public const string Cancelled = "Cancelled";
}
