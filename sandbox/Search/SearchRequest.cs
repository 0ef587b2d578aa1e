using System.Text.Json;
using System.Text.Json.Serialization;
using MockExams.Sandbox.Http;

namespace MockExams.Sandbox.Search;

/// <summary>PublicObjectSearchRequest. Sorts may be objects {propertyName, direction} or strings ("name", "-name").</summary>
public sealed record SearchRequest(
    IReadOnlyList<SearchFilterGroup>? FilterGroups,
    IReadOnlyList<JsonElement>? Sorts,
    string? Query,
    IReadOnlyList<string>? Properties,
    int? Limit,
    [property: JsonConverter(typeof(FlexibleStringConverter))] string? After);
