using System.Text.Json;

namespace MockExams.Sandbox.Search;

public sealed record SearchSort(string PropertyName, bool Descending)
{
    public static SearchSort? From(JsonElement sort)
    {
        if (sort.ValueKind == JsonValueKind.String && sort.GetString() is { Length: > 0 } text)
        {
            return text.StartsWith('-') ? new SearchSort(text[1..], true) : new SearchSort(text, false);
        }

        if (sort.ValueKind == JsonValueKind.Object && sort.TryGetProperty("propertyName", out var name) && name.GetString() is { } property)
        {
            var descending = sort.TryGetProperty("direction", out var direction)
                && string.Equals(direction.GetString(), "DESCENDING", StringComparison.OrdinalIgnoreCase);
            return new SearchSort(property, descending);
        }

        return null;
    }
}
