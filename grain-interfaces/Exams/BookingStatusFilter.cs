namespace MockExams.Exams;

/// <summary>
/// Which bookings of an exam a read returns. A booking is active while its HubSpot <c>is_active</c> is "true"
/// (those are the bookings <c>total_bookings</c> counts); cancelling makes it inactive, so every other booking
/// counts as cancelled. A closed set on purpose: the exam's cache keys are exactly one per value, so an
/// invalidation deletes them all without scanning Redis.
/// </summary>
[GenerateSerializer, Alias("mockexams.BookingStatusFilter")]
public enum BookingStatusFilter
{
    All = 0,
    Active = 1,
    Cancelled = 2,
}
