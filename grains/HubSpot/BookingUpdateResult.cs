namespace MockExams.Grains.HubSpot;

/// <summary>The result of one input of <see cref="HubSpotClient.UpdateBookingsAsync"/>, in input order.</summary>
/// <param name="Booking">The updated record; null when HubSpot refused this input.</param>
public sealed record BookingUpdateResult(string Id, HubSpotBooking? Booking, HubSpotInputError? Error);
