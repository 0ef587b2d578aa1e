namespace MockExams.Grains.HubSpot;

/// <summary>The record does not exist (or is archived): 404 <c>OBJECT_NOT_FOUND</c>.</summary>
public sealed class HubSpotNotFoundException(string objectType, string id, string? correlationId = null)
    : HubSpotException($"HubSpot has no {objectType} record {id}.", 404, "OBJECT_NOT_FOUND", correlationId)
{
    public string ObjectType { get; } = objectType;

    public string Id { get; } = id;
}
