using System.Globalization;

namespace MockExams.Sandbox.Objects;

/// <summary>
/// The query parameters of object reads and lists. Parsed by hand: a bad value gets HubSpot's 400
/// rather than ASP.NET Core's. Lists accept both "a,b" and repeated parameters, as HubSpot does.
/// </summary>
public sealed record CrmQuery(
    IReadOnlyList<string>? Properties,
    IReadOnlyList<string> Associations,
    bool Archived,
    string? IdProperty,
    int? Limit,
    string? After)
{
    public static CrmQuery From(HttpRequest request)
    {
        var query = request.Query;
        return new CrmQuery(
            query.ContainsKey("properties") ? List(query["properties"]) : null,
            List(query["associations"]),
            bool.TryParse(query["archived"], out var archived) && archived,
            query["idProperty"] is [{ Length: > 0 } idProperty] ? idProperty : null,
            int.TryParse(query["limit"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var limit) ? limit : null,
            query["after"] is [{ Length: > 0 } after] ? after : null);
    }

    private static List<string> List(Microsoft.Extensions.Primitives.StringValues values) =>
        values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
