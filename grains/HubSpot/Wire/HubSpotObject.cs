namespace MockExams.Grains.HubSpot.Wire;

/// <summary>HubSpot's SimplePublicObject: every property value is a string or null.</summary>
internal sealed record HubSpotObject(
    string Id,
    Dictionary<string, string?>? Properties,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? UpdatedAt,
    bool Archived,
    string? ObjectWriteTraceId = null);
