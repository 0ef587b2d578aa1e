using MockExams.Sandbox.Objects;

namespace MockExams.Sandbox.Search;

/// <summary>CollectionResponseWithTotal: paging.next.after is the numeric offset of the next page, without link.</summary>
public sealed record SearchResultsView(int Total, IReadOnlyList<ObjectView> Results, Paging? Paging);
