namespace MockExams.Grains.HubSpot;

/// <summary>The result of one input of <see cref="HubSpotClient.UpdateBookingsAsync"/>, in input order.</summary>
/// <param name="Booking">The updated record; null when HubSpot refused this input or did not say.</param>
/// <param name="Error">Why HubSpot refused it; null with a null booking when HubSpot answered neither (unknown outcome).</param>
public sealed record BookingUpdateResult(string Id, HubSpotBooking? Booking, HubSpotInputError? Error)
{
    /// <summary>HubSpot returned neither a result nor an error for this input: the change may or may not have landed.</summary>
    public bool Unknown => Booking is null && Error is null;
}
