namespace MockExams.Grains.Sync;

/// <summary>What one application of remote changes did.</summary>
/// <param name="Exams">Exam records handed to their exam grains.</param>
/// <param name="Bookings">Booking records handed to their exam grains.</param>
/// <param name="Unroutable">Bookings whose exam is unknown both in HubSpot and in the replica: not applied.</param>
public sealed record AppliedChanges(int Exams, int Bookings, int Unroutable)
{
    public static readonly AppliedChanges None = new(0, 0, 0);

    public AppliedChanges Add(AppliedChanges other) =>
        new(Exams + other.Exams, Bookings + other.Bookings, Unroutable + other.Unroutable);
}
