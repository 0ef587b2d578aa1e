namespace MockExams.Grains.HubSpot;

/// <summary>What became of one input of a batch create (<see cref="NewBooking"/>, <see cref="NewExam"/>).</summary>
public enum CreateStatus
{
    /// <summary>HubSpot created it in this call.</summary>
    Created = 0,

    /// <summary>
    /// HubSpot already held a record with this key (<c>booking_id</c>, <c>creation_id</c>) (an earlier call, or an attempt of this
    /// call whose answer was lost to a timeout); that record is returned.
    /// </summary>
    AlreadyExisted = 1,

    /// <summary>HubSpot refused this input; the others of the batch are unaffected.</summary>
    Failed = 2,
}
