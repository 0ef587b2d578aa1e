namespace MockExams.Exams;

/// <summary>
/// Why the exam grain refused a write. Expected outcomes, answered without a HubSpot call; the api turns each
/// into a problem details response with the reason code of <see cref="WriteRejections.Code"/>.
/// </summary>
public enum WriteRejection
{
    /// <summary>No such exam in the replica (404).</summary>
    ExamNotFound = 0,

    /// <summary>Every seat is taken: active bookings = capacity.</summary>
    ExamFull = 1,

    /// <summary>The exam is not open for booking (<c>is_active</c> = "false").</summary>
    ExamInactive = 2,

    /// <summary>The exam was archived in HubSpot (soft-deleted in the replica).</summary>
    ExamArchived = 3,

    /// <summary>The exam date has passed.</summary>
    ExamPast = 4,

    /// <summary>The student (contact) already holds an active booking for this exam.</summary>
    AlreadyBooked = 5,

    /// <summary>The booking is not active any more.</summary>
    AlreadyCancelled = 6,

    /// <summary>The booking does not belong to this exam (404).</summary>
    BookingNotFound = 7,

    /// <summary>A capacity below the exam's active bookings.</summary>
    CapacityBelowBookings = 8,

    /// <summary>The Idempotency-Key was first used with another request body (422).</summary>
    IdempotencyKeyReused = 9,

    /// <summary>HubSpot refused this one input (e.g. a property value it does not accept).</summary>
    RefusedByHubSpot = 10,
}
