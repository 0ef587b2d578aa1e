namespace MockExams.Grains.HubSpot;

/// <summary>HubSpot answered something this client does not expect (an unknown status or an unreadable body).</summary>
public sealed class HubSpotUnexpectedResponseException(string message, int? statusCode, string? category, string? correlationId, Exception? inner = null)
    : HubSpotException(message, statusCode, category, correlationId, inner);
