namespace MockExams.Sandbox.Configuration;

/// <summary>How a duplicate value of a custom unique property (booking_id) is answered.</summary>
public enum UniqueConflictStyle
{
    /// <summary>409 with category CONFLICT and "Existing ID: n" in the message (as for a duplicate contact email).</summary>
    Conflict,

    /// <summary>400 VALIDATION_ERROR whose message says the value "already has that value" (seen on HubSpot orders).</summary>
    AlreadyHasValue,
}
