using MockExams.Sandbox.Crm;

namespace MockExams.Sandbox.Search;

/// <summary>
/// A validated search request made ready to run: its match test and order, and the ranges its filters put on
/// hs_object_id and hs_lastmodifieddate, which <see cref="SearchableRecords"/> keeps in order. A range is
/// <c>Exact</c> when it alone decides a match (its filters are all there is), so matches are counted, not tested.
/// </summary>
public sealed class SearchPlan
{
    private const string IdProperty = "hs_object_id";
    private const string ModifiedProperty = "hs_lastmodifieddate";

    // Beyond 2^53 a double no longer holds every integer, so a bound computed from it could be off by one.
    private const double LargestExactInteger = 9_007_199_254_740_992;

    private readonly ObjectTypeDefinition _type;
    private readonly IReadOnlyList<SearchFilterGroup> _groups;
    private readonly string? _query;
    private readonly PropertyDefinition? _sortProperty;

    private SearchPlan(ObjectTypeDefinition type, IReadOnlyList<SearchFilterGroup> groups, string? query, SearchSort? sort)
    {
        _type = type;
        _groups = groups;
        _query = query is { Length: > 0 } ? query : null;
        Sort = sort;
        _sortProperty = sort is null ? null : type.Properties[sort.PropertyName];
        Order = sort switch
        {
            null => SearchOrder.IdAscending,
            { PropertyName: IdProperty } => sort.Descending ? SearchOrder.IdDescending : SearchOrder.IdAscending,
            { PropertyName: ModifiedProperty } => sort.Descending ? SearchOrder.ModifiedDescending : SearchOrder.ModifiedAscending,
            _ => SearchOrder.Other,
        };
    }

    public SearchSort? Sort { get; }

    public SearchOrder Order { get; }

    /// <summary>The ids a match can have (inclusive), when the filters say; null: any.</summary>
    public KeyRange? Ids { get; private init; }

    /// <summary>The hs_lastmodifieddate (epoch ms, inclusive) a match can have, when the filters say; null: any.</summary>
    public KeyRange? Modified { get; private init; }

    public bool IdsExact { get; private init; }

    public bool ModifiedExact { get; private init; }

    /// <summary>A plan for a request that passed validation (known properties and operators, at most one sort).</summary>
    public static SearchPlan From(ObjectTypeDefinition type, SearchRequest search)
    {
        var groups = (search.FilterGroups ?? []).Where(g => g.Filters is [_, ..]).ToList();
        var sort = (search.Sorts ?? []).Select(SearchSort.From).FirstOrDefault();
        if (groups.Count > 1)
        {
            // Groups are ORed: no single range holds every match.
            return new SearchPlan(type, groups, search.Query, sort);
        }

        var filters = groups is [var only] ? only.Filters! : [];
        var noQuery = search.Query is not { Length: > 0 };
        return new SearchPlan(type, groups, search.Query, sort)
        {
            Ids = Bounds(type, filters, IdProperty, out var idFilters),
            Modified = Bounds(type, filters, ModifiedProperty, out var modifiedFilters),
            IdsExact = noQuery && idFilters == filters.Count,
            ModifiedExact = noQuery && modifiedFilters == filters.Count,
        };
    }

    public bool Matches(CrmRecord record) =>
        (_groups is [] || _groups.Any(g => g.Filters!.All(f => FilterMatcher.Matches(_type, record, f))))
        && (_query is null || record.Properties.Values.Any(v => v.Contains(_query, StringComparison.OrdinalIgnoreCase)));

    /// <summary>The asked-for order: the sort property (missing values last), then id; id order without a sort.</summary>
    public int Compare(CrmRecord left, CrmRecord right)
    {
        if (Sort is null || _sortProperty is null)
        {
            return left.Id.CompareTo(right.Id);
        }

        var order = PropertyComparer.Order(_sortProperty, left.Get(Sort.PropertyName), right.Get(Sort.PropertyName));
        return order != 0 ? (Sort.Descending ? -order : order) : left.Id.CompareTo(right.Id);
    }

    // The intersection of the ranges a group's filters on one property allow, and how many filters it stands for.
    private static KeyRange? Bounds(ObjectTypeDefinition type, IReadOnlyList<SearchFilter> filters, string property, out int consumed)
    {
        consumed = 0;
        if (!type.Properties.TryGetValue(property, out var definition))
        {
            return null;
        }

        KeyRange? range = null;
        foreach (var filter in filters.Where(f => f.PropertyName == property))
        {
            if (RangeOf(definition, filter) is not { } one)
            {
                continue;
            }

            range = range is { } both ? new KeyRange(Math.Max(both.Low, one.Low), Math.Min(both.High, one.High)) : one;
            consumed++;
        }

        return range;
    }

    // Ids and hs_lastmodifieddate values are integers (epoch ms), so each comparison becomes an inclusive integer range.
    private static KeyRange? RangeOf(PropertyDefinition property, SearchFilter filter)
    {
        if (!TryInteger(property, filter.Value, out var value))
        {
            return null;
        }

        return filter.Operator switch
        {
            "EQ" => new KeyRange((long)Math.Ceiling(value), (long)Math.Floor(value)),
            "GT" => new KeyRange((long)Math.Floor(value) + 1, long.MaxValue),
            "GTE" => new KeyRange((long)Math.Ceiling(value), long.MaxValue),
            "LT" => new KeyRange(long.MinValue, (long)Math.Ceiling(value) - 1),
            "LTE" => new KeyRange(long.MinValue, (long)Math.Floor(value)),
            "BETWEEN" when TryInteger(property, filter.HighValue, out var high) => new KeyRange((long)Math.Ceiling(value), (long)Math.Floor(high)),
            _ => null,
        };
    }

    private static bool TryInteger(PropertyDefinition property, string? text, out double value) =>
        PropertyComparer.TryNumber(property, text, out value) && double.IsFinite(value) && Math.Abs(value) < LargestExactInteger;
}
