namespace MockExams.Sandbox.Search;

/// <summary>The order of a search's results; Other: a property no index keeps.</summary>
public enum SearchOrder
{
    IdAscending,
    IdDescending,
    ModifiedAscending,
    ModifiedDescending,
    Other,
}
