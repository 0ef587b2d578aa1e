using MockExams.Sandbox.Objects;

namespace MockExams.Sandbox.Associations;

/// <summary>An input of associations batch/archive: one record and the records to detach from it.</summary>
public sealed record AssociationArchiveInput(PublicObjectId? From, IReadOnlyList<PublicObjectId>? To);
