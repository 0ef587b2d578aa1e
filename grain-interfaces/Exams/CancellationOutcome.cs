namespace MockExams.Exams;

/// <summary>
/// The answer for one booking of a cancel: <see cref="Booking"/> (now cancelled, in HubSpot and the replica),
/// <see cref="Rejection"/>, or <see cref="RetryAfter"/> (not cancelled now; safe to send again).
/// </summary>
[GenerateSerializer, Immutable, Alias("mockexams.CancellationOutcome")]
public sealed record CancellationOutcome(
    [property: Id(0)] string BookingId,
    [property: Id(1)] BookingRecord? Booking,
    [property: Id(2)] WriteRejection? Rejection = null,
    [property: Id(3)] TimeSpan? RetryAfter = null,
    [property: Id(4)] string? Detail = null);
