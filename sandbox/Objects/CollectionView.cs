namespace MockExams.Sandbox.Objects;

public sealed record CollectionView<T>(IReadOnlyList<T> Results, Paging? Paging);
