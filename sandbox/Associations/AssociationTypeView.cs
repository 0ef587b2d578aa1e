using System.Text.Json.Serialization;

namespace MockExams.Sandbox.Associations;

/// <summary>{category, typeId, label}; label is null for the unlabelled (default) type and is always written.</summary>
public sealed record AssociationTypeView(
    string Category,
    int TypeId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Label);
