namespace MockExams.Grains.HubSpot;

/// <summary>HubSpot refused the token (401) or its scopes (403). Retrying will not help; fix the configuration.</summary>
public sealed class HubSpotAuthException(string message, int statusCode, string? category, string? correlationId)
    : HubSpotException(message, statusCode, category, correlationId);
