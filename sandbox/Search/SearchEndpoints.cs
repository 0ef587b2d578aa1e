using System.Globalization;
using MockExams.Sandbox.Configuration;
using MockExams.Sandbox.Crm;
using MockExams.Sandbox.Http;
using MockExams.Sandbox.Objects;

namespace MockExams.Sandbox.Search;

/// <summary>
/// POST …/{objectType}/search. Sees the search index, which lags writes by SearchLagMs and answers id and
/// hs_lastmodifieddate ranges without reading every record; its budget is the gateway's (per-second, exempt from
/// the ten-second window).
/// </summary>
public static class SearchEndpoints
{
    private const int MaxLimit = 200;
    private const int DefaultLimit = 10;

    public static IEndpointRouteBuilder MapSearch(this IEndpointRouteBuilder app)
    {
        foreach (var prefix in ObjectEndpoints.Prefixes)
        {
            app.MapPost(prefix + "/{objectType}/search", SearchAsync);
        }

        return app;
    }

    private static async Task<IResult> SearchAsync(
        string objectType, HttpRequest request, ObjectTypeCatalog types, SearchIndex index, RecordViews views, SandboxConfig config)
    {
        if (types.Resolve(objectType) is not { } type)
        {
            return new ErrorResult(CrmError.UnknownObjectType(objectType));
        }

        var (search, bodyError) = await JsonBody.ReadAsync<SearchRequest>(request, request.HttpContext.RequestAborted);
        if (search is null)
        {
            return new ErrorResult(bodyError!);
        }

        var settings = config.Current;
        if (Validate(type, search, settings) is { } invalid)
        {
            return new ErrorResult(invalid);
        }

        var offset = 0;
        if (search.After is { Length: > 0 } after && (!int.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out offset)))
        {
            return new ErrorResult(CrmError.Validation($"Invalid after: {after}. It must be the offset from paging.next.after"));
        }

        if (offset >= settings.SearchMaxResults)
        {
            return new ErrorResult(CrmError.Validation(
                $"The search API returns at most {settings.SearchMaxResults} results for a query; after={offset} pages past them. Narrow the query instead."));
        }

        var limit = search.Limit ?? DefaultLimit;
        var found = index.Search(type.ObjectTypeId, SearchPlan.From(type, search), offset, Math.Min(limit, settings.SearchMaxResults - offset));
        var page = found.Page.Select(r => views.Read(type, r, search.Properties)).ToList();

        // Like HubSpot, offer the next offset even when it is past the cap: the client learns of the cap from the 400.
        var next = offset + limit;
        var paging = limit > 0 && next < found.Total ? new Paging(new NextPage(next.ToString(CultureInfo.InvariantCulture), null)) : null;
        return Results.Json(new SearchResultsView(found.Total, page, paging), SandboxJson.Options);
    }

    private static CrmError? Validate(ObjectTypeDefinition type, SearchRequest search, SandboxSettings settings)
    {
        var groups = search.FilterGroups ?? [];
        var filters = groups.SelectMany(g => g.Filters ?? []).ToList();
        if (groups.Count > settings.SearchMaxFilterGroups
            || groups.Any(g => (g.Filters?.Count ?? 0) > settings.SearchMaxFiltersPerGroup)
            || filters.Count > settings.SearchMaxFilters)
        {
            return CrmError.Validation(
                $"Too many filters: at most {settings.SearchMaxFilterGroups} filterGroups, {settings.SearchMaxFiltersPerGroup} filters in a group " +
                $"and {settings.SearchMaxFilters} filters in all are allowed; got {groups.Count} groups and {filters.Count} filters.");
        }

        if (filters.Select(f => FilterMatcher.Validate(type, f)).FirstOrDefault(e => e is not null) is { } badFilter)
        {
            return badFilter;
        }

        var sorts = search.Sorts ?? [];
        if (sorts.Count > 1)
        {
            return CrmError.Validation($"Only one sort is allowed; got {sorts.Count}.");
        }

        if (sorts is [var only] && (SearchSort.From(only) is not { } sort || !type.Properties.ContainsKey(sort.PropertyName)))
        {
            return CrmError.Validation($"Invalid sort: {only.GetRawText()}");
        }

        return search.Limit is < 0 or > MaxLimit
            ? CrmError.Validation($"limit must be between 0 and {MaxLimit}; got {search.Limit}.")
            : null;
    }
}
