namespace MockExams.Grains.Exams;

/// <summary>
/// An accepted booking on its way to HubSpot, as the intent journal keeps it: the <c>booking_id</c> we generated
/// (unique in HubSpot, so a create of unknown outcome is settled by looking it up) and everything needed to create
/// it again or to answer a retried request with the same Idempotency-Key.
/// </summary>
[GenerateSerializer, Alias("mockexams.IntendedBooking")]
public sealed record IntendedBooking(
    [property: Id(0)] string BookingId,
    [property: Id(1)] string ContactId,
    [property: Id(2)] string StudentId,
    [property: Id(3)] string StudentName,
    [property: Id(4)] string StudentEmail,
    [property: Id(5)] string DominantHand,
    [property: Id(6)] string AttendingLocation,
    [property: Id(7)] DateOnly? ExamDate,
    [property: Id(8)] string? IdempotencyKey,
    [property: Id(9)] string? RequestHash);
