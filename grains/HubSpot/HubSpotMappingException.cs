namespace MockExams.Grains.HubSpot;

/// <summary>A HubSpot property held a value that does not fit our record (never read as a silent 0).</summary>
public sealed class HubSpotMappingException(string objectType, string recordId, string propertyName, string? value, string expected)
    : HubSpotException(
        $"HubSpot {objectType} {recordId}: property '{propertyName}' holds '{value}', which is not {expected}.")
{
    public string ObjectType { get; } = objectType;

    public string RecordId { get; } = recordId;

    public string PropertyName { get; } = propertyName;

    public string? Value { get; } = value;
}
