using System.Text.Json;
using System.Text.Json.Nodes;

namespace MockExams.Grains.Sync.Backfill;

/// <summary>
/// The JSON a backfill keeps in <c>sync_state.backfill_cursor</c>. Exams: <c>{"after": "&lt;list cursor&gt;", "done": bool}</c>,
/// the exam pages before the cursor are written with all their bookings. Bookings: <c>{"high": id}</c>, every booking
/// at or above that id is written (by the search).
/// </summary>
public static class BackfillCheckpoints
{
    public static (string? After, bool Done) ReadExams(string? cursor)
    {
        var json = Parse(cursor);
        return (json?["after"]?.GetValue<string>(), json?["done"]?.GetValue<bool>() ?? false);
    }

    public static long? ReadHigh(string? cursor) => Parse(cursor)?["high"]?.GetValue<long>();

    public static string Exams(string? after, bool done) =>
        new JsonObject { ["after"] = after, ["done"] = done }.ToJsonString();

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
