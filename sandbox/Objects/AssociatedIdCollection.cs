namespace MockExams.Sandbox.Objects;

public sealed record AssociatedIdCollection(IReadOnlyList<AssociatedId> Results);
