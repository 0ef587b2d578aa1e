namespace MockExams.Grains.HubSpot;

/// <summary>What became of one <see cref="NewBooking"/>.</summary>
public enum BookingCreateStatus
{
    /// <summary>HubSpot created it in this call.</summary>
    Created = 0,

    /// <summary>
    /// HubSpot already held a record with this <c>booking_id</c> (an earlier call, or an attempt of this
    /// call whose answer was lost to a timeout); that record is returned.
    /// </summary>
    AlreadyExisted = 1,

    /// <summary>HubSpot refused this input; the others of the batch are unaffected.</summary>
    Failed = 2,
}
