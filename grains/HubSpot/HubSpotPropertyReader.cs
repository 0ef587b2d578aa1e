namespace MockExams.Grains.HubSpot;

/// <summary>
/// Reads one record's string properties into typed values; a bad value throws a
/// <see cref="HubSpotMappingException"/> naming the object type, the record and the property.
/// </summary>
public readonly struct HubSpotPropertyReader(string objectType, string recordId, IReadOnlyDictionary<string, string?> properties)
{
    public string? String(string name) =>
        properties.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    public int? Int(string name) => Parse(name, "a whole number", (string v, out int n) => HubSpotValues.TryParseInt(v, out n));

    public bool? Bool(string name) => Parse(name, "'true' or 'false'", (string v, out bool b) => HubSpotValues.TryParseBool(v, out b));

    public DateOnly? Date(string name) =>
        Parse(name, "a date (yyyy-MM-dd or midnight UTC)", (string v, out DateOnly d) => HubSpotValues.TryParseDate(v, out d));

    public DateTimeOffset? DateTime(string name) =>
        Parse(name, "a UTC date-time (ISO-8601 or epoch ms)", (string v, out DateTimeOffset d) => HubSpotValues.TryParseDateTime(v, out d));

    public DateTimeOffset RequiredDateTime(string name, DateTimeOffset? fallback) =>
        DateTime(name) ?? fallback ?? throw new HubSpotMappingException(objectType, recordId, name, null, "a UTC date-time (it is required)");

    private delegate bool TryParse<T>(string value, out T parsed);

    private T? Parse<T>(string name, string expected, TryParse<T> tryParse) where T : struct
    {
        var raw = String(name);
        if (raw is null)
        {
            return null;
        }
        return tryParse(raw.Trim(), out var parsed)
            ? parsed
            : throw new HubSpotMappingException(objectType, recordId, name, raw, expected);
    }
}
