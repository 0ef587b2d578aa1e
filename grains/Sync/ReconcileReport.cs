using System.Text.Json;
using System.Text.Json.Nodes;
using MockExams.Sync;

namespace MockExams.Grains.Sync;

/// <summary>
/// A reconcile run as stored in <c>sync_runs</c>: counts
/// <c>{"repair": bool, "mock_exams": {"checked", "missing", "extra", "stale", "archivedButLive", "repaired"}, "bookings": {...}}</c>
/// and details <c>{"mock_exams": {"missing": [ids], ...}, ...}</c> (at most <see cref="Reconciler.DetailLimit"/> ids per list).
/// </summary>
public static class ReconcileReport
{
    public static string Counts(bool repair, params ReconcileFindings[] findings)
    {
        var json = new JsonObject { ["repair"] = repair };
        foreach (var f in findings)
        {
            var c = f.Counts;
            json[f.ObjectType] = new JsonObject
            {
                ["checked"] = c.Checked, ["missing"] = c.Missing, ["extra"] = c.Extra, ["stale"] = c.Stale,
                ["archivedButLive"] = c.ArchivedButLive, ["repaired"] = c.Repaired,
            };
        }
        return json.ToJsonString();
    }

    public static string Details(params ReconcileFindings[] findings)
    {
        var json = new JsonObject();
        foreach (var f in findings)
        {
            json[f.ObjectType] = new JsonObject
            {
                ["missing"] = Ids(f.Missing), ["extra"] = Ids(f.Extra), ["stale"] = Ids(f.Stale), ["archivedButLive"] = Ids(f.ArchivedButLive),
            };
        }
        return json.ToJsonString();
    }

    /// <summary>The drift counts of <paramref name="objectType"/> in a stored counts object; null when absent.</summary>
    public static DriftCounts? Read(string countsJson, string objectType)
    {
        try
        {
            if (JsonNode.Parse(countsJson)?[objectType] is not JsonObject c)
            {
                return null;
            }
            return new DriftCounts(Int(c, "checked"), Int(c, "missing"), Int(c, "extra"), Int(c, "stale"), Int(c, "archivedButLive"), Int(c, "repaired"));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonArray Ids(List<string> ids) => [.. ids.Take(Reconciler.DetailLimit).Select(id => (JsonNode)id)];

    private static int Int(JsonObject json, string name) => json[name]?.GetValue<int>() ?? 0;
}
