using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MockExams.Sandbox.Hosting;
using Npgsql;

namespace MockExams.Tests.Grains.Sync;

/// <summary>What the sync tests do to the sandbox ("staff edit HubSpot") and how they look at the replica.</summary>
public static class SyncTestKit
{
    public const string WebhookSecret = "test-hubspot-client-secret-0123456789";
    public const string ExamType = "mock_exams";
    public const string BookingType = "bookings";

    public static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Waits until <paramref name="condition"/> holds, polling every 50 ms; fails after <paramref name="timeout"/>. Answers how long it took.</summary>
    public static async Task<TimeSpan> EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"Not within {timeout.TotalSeconds:N1} s: {what}.");
            }
            await Task.Delay(50, Token);
        }
        return clock.Elapsed;
    }

    /// <summary>Creates a record as staff would in HubSpot's UI; answers its id.</summary>
    public static async Task<string> CreateAsync(SandboxHost sandbox, string objectType, Dictionary<string, string?> properties, object[]? associations = null)
    {
        using var client = sandbox.CreateClient();
        var response = await client.PostAsJsonAsync($"/__sandbox/objects/{objectType}", new { properties, associations = associations ?? [] }, Token);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("id").GetString()!;
    }

    public static async Task UpdateAsync(SandboxHost sandbox, string objectType, string id, Dictionary<string, string?> properties)
    {
        using var client = sandbox.CreateClient();
        var response = await client.PatchAsJsonAsync($"/__sandbox/objects/{objectType}/{id}", new { properties }, Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static async Task ArchiveAsync(SandboxHost sandbox, string objectType, string id)
    {
        using var client = sandbox.CreateClient();
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/__sandbox/objects/{objectType}/{id}", Token)).StatusCode);
    }

    public static Task SetConfigAsync(SandboxHost sandbox, object patch) => SendConfigAsync(sandbox, patch);

    public static Dictionary<string, string?> NewExam(string name) => new()
    {
        ["mock_exam_name"] = name,
        ["mock_type"] = "Clinical Skills",
        ["exam_date"] = "2031-02-03",
        ["start_time"] = "09:00",
        ["end_time"] = "12:00",
        ["location"] = "Halifax",
        ["capacity"] = "20",
        ["total_bookings"] = "0",
        ["is_active"] = "true",
    };

    public static Dictionary<string, string?> NewBooking(string examId) => new()
    {
        ["booking_id"] = $"UI-{Guid.NewGuid():N}",
        ["mock_exam_id"] = examId,
        ["student_name"] = "Walk-in Student",
        ["student_email"] = $"walkin{Guid.NewGuid():N}@example.com",
        ["booking_status"] = "Active",
        ["is_active"] = "true",
    };

    /// <summary>Every record the sandbox holds, archived ones included: id → (last-modified, archived).</summary>
    public static async Task<Dictionary<string, (DateTimeOffset Modified, bool Archived)>> DumpAsync(SandboxHost sandbox, string objectType)
    {
        using var client = sandbox.CreateClient();
        var dump = await client.GetFromJsonAsync<JsonElement>("/__sandbox/dump", Token);
        var records = new Dictionary<string, (DateTimeOffset, bool)>(StringComparer.Ordinal);
        foreach (var record in dump.GetProperty("objects").GetProperty(objectType).EnumerateArray())
        {
            var modified = record.GetProperty("properties").GetProperty("hs_lastmodifieddate").GetString()!;
            records[record.GetProperty("id").GetString()!] = (ParseTime(modified), record.GetProperty("archived").GetBoolean());
        }
        return records;
    }

    /// <summary>Every row of a replica table: hubspot_id → (hs_last_modified_at, soft-deleted).</summary>
    public static async Task<Dictionary<string, (DateTimeOffset? Modified, bool Deleted)>> ReplicaAsync(NpgsqlDataSource dataSource, string objectType)
    {
        await using var command = dataSource.CreateCommand(objectType == ExamType
            ? "select hubspot_id, hs_last_modified_at, deleted_at is not null from public.hubspot_mock_exams"
            : "select hubspot_id, hs_last_modified_at, deleted_at is not null from public.hubspot_bookings");
        await using var reader = await command.ExecuteReaderAsync(Token);
        var rows = new Dictionary<string, (DateTimeOffset?, bool)>(StringComparer.Ordinal);
        while (await reader.ReadAsync(Token))
        {
            rows[reader.GetString(0)] = (
                reader.IsDBNull(1) ? null : new DateTimeOffset(reader.GetFieldValue<DateTime>(1), TimeSpan.Zero), reader.GetBoolean(2));
        }
        return rows;
    }

    /// <summary>
    /// The replica holds every live HubSpot record of the type at HubSpot's version, live (no gaps, no stale rows; the
    /// hubspot_id being unique, no duplicates), and no record HubSpot archived is live. Rows with ids HubSpot never had
    /// (other tests' fabricated drift) are not HubSpot's to judge.
    /// </summary>
    /// <param name="changedSince">
    /// When given, a record HubSpot changed at or after this instant (while a backfill was copying: another test's
    /// exam grain pushing a late total, say) may be at either version; the incremental sync, not the copy, owes it.
    /// </param>
    public static async Task AssertReplicaMatchesAsync(SandboxHost sandbox, NpgsqlDataSource dataSource, string objectType,
        DateTimeOffset? changedSince = null)
    {
        var hubSpot = await DumpAsync(sandbox, objectType);
        var replica = await ReplicaAsync(dataSource, objectType);
        var live = hubSpot.Where(r => !r.Value.Archived).ToDictionary(r => r.Key, r => r.Value.Modified, StringComparer.Ordinal);
        var missing = live.Keys.Where(id => !replica.TryGetValue(id, out var row) || row.Deleted).ToList();
        var stale = live.Where(r => replica.TryGetValue(r.Key, out var row) && row.Modified != r.Value
            && !(changedSince is { } since && r.Value >= since)).Select(r => r.Key).ToList();
        var extra = replica.Where(r => !r.Value.Deleted && hubSpot.TryGetValue(r.Key, out var h) && h.Archived).Select(r => r.Key).ToList();
        Assert.True(missing is [] && stale is [] && extra is [],
            $"{objectType}: {missing.Count} missing ({string.Join(",", missing.Take(5))}), {stale.Count} stale, {extra.Count} archived in HubSpot but live");
        Assert.Equal(live.Count, replica.Count(r => !r.Value.Deleted && hubSpot.ContainsKey(r.Key)));
    }

    /// <summary>The exam as the api answers it (null on 404).</summary>
    public static async Task<JsonElement?> GetExamAsync(HttpClient api, string examId)
    {
        var response = await api.GetAsync($"/api/mock-exams/{examId}", Token);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("exam");
    }

    public static async Task<T?> ScalarAsync<T>(NpgsqlDataSource dataSource, string sql, params object[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }
        var value = await command.ExecuteScalarAsync(Token);
        return value is null or DBNull ? default : (T)value;
    }

    public static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql, params object[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }
        await command.ExecuteNonQueryAsync(Token);
    }

    private static async Task SendConfigAsync(SandboxHost sandbox, object patch)
    {
        using var client = sandbox.CreateClient();
        (await client.PutAsJsonAsync("/__sandbox/config", patch, Token)).EnsureSuccessStatusCode();
    }

    private static DateTimeOffset ParseTime(string value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
