namespace MockExams.Sandbox.Associations;

/// <summary>GET …/labels: the association types defined from one object type to another.</summary>
public sealed record LabelsView(IReadOnlyList<AssociationTypeView> Results);
