using System.Text.Json;
using System.Text.Json.Nodes;

namespace MockExams.Grains.Sync.Backfill;

/// <summary>
/// The JSON a backfill keeps in <c>sync_state.backfill_cursor</c>. Exams: <c>{"after": "&lt;list cursor&gt;", "done": bool}</c>.
/// Bookings: <c>{"low": id, "high": id}</c>, every booking id at or below low (batch reads) and at or above high
/// (search) is written.
/// </summary>
public static class BackfillCheckpoints
{
    public static (string? After, bool Done) ReadExams(string? cursor)
    {
        var json = Parse(cursor);
        return (json?["after"]?.GetValue<string>(), json?["done"]?.GetValue<bool>() ?? false);
    }

    public static (long? Low, long? High) ReadBookings(string? cursor)
    {
        var json = Parse(cursor);
        return (json?["low"]?.GetValue<long>(), json?["high"]?.GetValue<long>());
    }

    public static string Exams(string? after, bool done) =>
        new JsonObject { ["after"] = after, ["done"] = done }.ToJsonString();

    public static string Low(long low) => new JsonObject { ["low"] = low }.ToJsonString();

    public static string High(long high) => new JsonObject { ["high"] = high }.ToJsonString();

    private static JsonNode? Parse(string? cursor)
    {
        if (string.IsNullOrWhiteSpace(cursor))
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(cursor);
        }
        catch (JsonException)
        {
            // A cursor in another shape (not written by this code) carries no usable position: start over.
            return null;
        }
    }
}
