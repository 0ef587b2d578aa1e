namespace MockExams.Grains.HubSpot;

/// <summary>HubSpot refused the request's content (400 <c>VALIDATION_ERROR</c>); <see cref="Errors"/> says what.</summary>
public sealed class HubSpotValidationException(
    string message, IReadOnlyList<HubSpotErrorDetail> errors, int statusCode, string? category, string? correlationId)
    : HubSpotException(message, statusCode, category, correlationId)
{
    public IReadOnlyList<HubSpotErrorDetail> Errors { get; } = errors;
}
