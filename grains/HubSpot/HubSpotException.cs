namespace MockExams.Grains.HubSpot;

/// <summary>A HubSpot call failed. The subtype says how; the fields keep HubSpot's own words.</summary>
public abstract class HubSpotException(
    string message, int? statusCode = null, string? category = null, string? correlationId = null, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>HTTP status HubSpot answered, when there was an answer.</summary>
    public int? StatusCode { get; } = statusCode;

    /// <summary>HubSpot's error <c>category</c> (e.g. <c>VALIDATION_ERROR</c>), when present.</summary>
    public string? Category { get; } = category;

    /// <summary>HubSpot's <c>correlationId</c>, to quote to HubSpot support.</summary>
    public string? CorrelationId { get; } = correlationId;
}
