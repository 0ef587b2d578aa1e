namespace MockExams.Grains.HubSpot;

/// <summary>The result of one input of <see cref="HubSpotClient.CreateBookingsAsync"/>, in input order.</summary>
/// <param name="Booking">The record in HubSpot; null when <paramref name="Status"/> is <see cref="CreateStatus.Failed"/>.</param>
/// <param name="Error">Why it failed; null otherwise.</param>
public sealed record BookingCreateResult(
    string BookingId, CreateStatus Status, HubSpotBooking? Booking, HubSpotInputError? Error);
