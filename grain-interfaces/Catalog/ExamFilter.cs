namespace MockExams.Catalog;

/// <summary>
/// Filters of the exam list and aggregates (the seed's <c>is_active</c>, <c>startDate</c>, <c>endDate</c>, plus
/// <c>mock_type</c> and <c>location</c>). Null means "any". Text filters match the replica value exactly; the api
/// trims them and turns empty ones into null, so equivalent requests share one cache key.
/// </summary>
[GenerateSerializer, Immutable, Alias("mockexams.ExamFilter")]
public sealed record ExamFilter(
    [property: Id(0)] bool? IsActive,
    [property: Id(1)] DateOnly? StartDate,
    [property: Id(2)] DateOnly? EndDate,
    [property: Id(3)] string? MockType,
    [property: Id(4)] string? Location)
{
    /// <summary>Longest accepted <c>mock_type</c> or <c>location</c>: it bounds the size of a cache key.</summary>
    public const int MaxTextLength = 200;

    public static ExamFilter Any { get; } = new(null, null, null, null, null);
}
