namespace MockExams.Sandbox.Crm;

/// <summary>An association type between two object types, and the id of its other direction.</summary>
public sealed record AssociationTypeDefinition(
    string FromTypeId, string ToTypeId, int TypeId, string Category, string? Label, int InverseTypeId, string Name);
