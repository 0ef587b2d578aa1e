namespace MockExams.Sandbox.Crm;

/// <summary>One object type: its ids and names, its properties and the ones returned when none are asked for.</summary>
public sealed record ObjectTypeDefinition(
    string ObjectTypeId,
    string Name,
    string SingularName,
    string? FullyQualifiedName,
    IReadOnlyDictionary<string, PropertyDefinition> Properties,
    IReadOnlyList<string> DefaultProperties,
    string CreatedProperty,
    string LastModifiedProperty)
{
    /// <summary>The key of this type in a v3 read's associations map.</summary>
    public string AssociationKey => FullyQualifiedName ?? Name;

    public IEnumerable<PropertyDefinition> UniqueProperties => Properties.Values.Where(p => p.Unique);
}
