namespace MockExams.Exams;

/// <summary>
/// The answer to <see cref="IMockExamGrain.BookAsync"/>: exactly one of <see cref="Booking"/> (booked, HubSpot holds
/// it and the replica shows it), <see cref="Rejection"/> (refused, nothing written) or <see cref="RetryAfter"/>
/// (nothing booked now: HubSpot budget or a dependency is short; the same request may be sent again).
/// </summary>
[GenerateSerializer, Immutable, Alias("mockexams.BookingOutcome")]
public sealed record BookingOutcome(
    [property: Id(0)] BookingRecord? Booking,
    [property: Id(1)] WriteRejection? Rejection = null,
    [property: Id(2)] TimeSpan? RetryAfter = null,
    [property: Id(3)] string? Detail = null)
{
    public static BookingOutcome Booked(BookingRecord booking) => new(booking);

    public static BookingOutcome Rejected(WriteRejection rejection, string? detail = null) => new(null, rejection, Detail: detail);

    public static BookingOutcome Retry(TimeSpan retryAfter, string detail) => new(null, RetryAfter: retryAfter, Detail: detail);
}
