using MockExams.Sandbox.Objects;

namespace MockExams.Sandbox.Associations;

/// <summary>An input of batch/associate/default (from, to) and batch/create (from, to, types).</summary>
public sealed record AssociationPairInput(PublicObjectId? From, PublicObjectId? To, IReadOnlyList<AssociationSpec>? Types);
