namespace MockExams.Grains.HubSpot;

/// <summary>
/// HubSpot was unreachable, timed out or answered 5xx, and the retries ran out. For a write, the
/// outcome is unknown unless the method says otherwise (creates of bookings look themselves up).
/// </summary>
public sealed class HubSpotTransientException(string message, int? statusCode, string? correlationId, Exception? inner = null)
    : HubSpotException(message, statusCode, null, correlationId, inner);
