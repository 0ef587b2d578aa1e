namespace MockExams.Sandbox.Objects;

/// <summary>An inline association of a create: {to:{id}, types:[{associationCategory, associationTypeId}]}.</summary>
public sealed record AssociationInput(PublicObjectId? To, IReadOnlyList<AssociationSpec>? Types);
