namespace MockExams.Sandbox.Associations;

/// <summary>MultiAssociatedObjectWithLabel: one associated record and the types linking it.</summary>
public sealed record AssociatedObjectView(string ToObjectId, IReadOnlyList<AssociationTypeView> AssociationTypes);
