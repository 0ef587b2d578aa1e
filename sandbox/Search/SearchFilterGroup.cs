namespace MockExams.Sandbox.Search;

/// <summary>Filters ANDed together; groups are ORed.</summary>
public sealed record SearchFilterGroup(IReadOnlyList<SearchFilter>? Filters);
