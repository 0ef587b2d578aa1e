namespace MockExams.Catalog;

/// <summary>One page of the exam list: the filter, the 1-based page and its size.</summary>
[GenerateSerializer, Immutable, Alias("mockexams.ExamListQuery")]
public sealed record ExamListQuery(
    [property: Id(0)] ExamFilter Filter,
    [property: Id(1)] int Page,
    [property: Id(2)] int PageSize)
{
    public const int DefaultPageSize = 50;

    public const int MaxPageSize = 200;

    /// <summary>Rows skipped before this page; a long, so no page number overflows it.</summary>
    public long Offset => (Page - 1L) * PageSize;

    /// <summary>Throws for a page or size outside the contract: the api validates first, so this is a caller's bug.</summary>
    public ExamListQuery EnsureValid()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Page, 1, nameof(Page));
        ArgumentOutOfRangeException.ThrowIfLessThan(PageSize, 1, nameof(PageSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(PageSize, MaxPageSize, nameof(PageSize));
        return this;
    }
}
