using MockExams.Sandbox.Objects;

namespace MockExams.Sandbox.Associations;

/// <summary>PublicAssociationMultiWithLabel: one input's associations in a batch read.</summary>
public sealed record AssociationReadResultView(PublicObjectId From, IReadOnlyList<AssociatedObjectView> To, Paging? Paging);
