namespace MockExams.Grains.HubSpot;

/// <summary>
/// A unique-value property already holds this value on another record. HubSpot answers either 409
/// or 400 "... already has that value"; both become this exception.
/// </summary>
public sealed class HubSpotConflictException(
    string message, string? propertyName, string? existingId, int statusCode, string? category, string? correlationId)
    : HubSpotException(message, statusCode, category, correlationId)
{
    /// <summary>The unique property, when HubSpot names it (e.g. <c>booking_id</c>).</summary>
    public string? PropertyName { get; } = propertyName;

    /// <summary>The id of the record holding the value, when HubSpot gives it.</summary>
    public string? ExistingId { get; } = existingId;
}
