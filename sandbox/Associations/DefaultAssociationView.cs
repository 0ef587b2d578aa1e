using MockExams.Sandbox.Objects;

namespace MockExams.Sandbox.Associations;

/// <summary>PublicDefaultAssociation: one direction of a default association that was made.</summary>
public sealed record DefaultAssociationView(PublicObjectId From, PublicObjectId To, AssociationSpec AssociationSpec);
