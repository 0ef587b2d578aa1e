using System.Text.Json;
using System.Text.Json.Serialization;
using MockExams.Sandbox.Http;

namespace MockExams.Sandbox.Search;

/// <summary>One filter: {propertyName, operator, value | highValue | values}.</summary>
public sealed record SearchFilter(
    string? PropertyName,
    string? Operator,
    [property: JsonConverter(typeof(FlexibleStringConverter))] string? Value,
    [property: JsonConverter(typeof(FlexibleStringConverter))] string? HighValue,
    IReadOnlyList<JsonElement>? Values)
{
    public IReadOnlyList<string> ValueList() =>
        (Values ?? []).Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : v.GetRawText()).ToList();
}
