namespace MockExams.Sandbox.Objects;

/// <summary>{associationCategory, associationTypeId}, as in inline associations and v4 labelled associations.</summary>
public sealed record AssociationSpec(string? AssociationCategory, int AssociationTypeId);
