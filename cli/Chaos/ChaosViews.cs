using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace MockExams.Cli.Chaos;

/// <summary>Reads the run's exams and bookings from HubSpot (the sandbox's dump), the replica (SQL) and the api.</summary>
public static class ChaosViews
{
    public static async Task<ChaosTruth> HubSpotAsync(HttpClient sandbox, IReadOnlyCollection<string> exams, CancellationToken cancellationToken)
    {
        var dump = await sandbox.GetFromJsonAsync<JsonElement>("/__sandbox/dump", cancellationToken);
        var objects = dump.GetProperty("objects");
        var examSet = exams.ToHashSet();
        var examViews = objects.GetProperty("mock_exams").EnumerateArray()
            .Where(e => examSet.Contains(e.GetProperty("id").GetString()!))
            .Select(e => new ChaosExamView(e.GetProperty("id").GetString()!, Int(Property(e, "capacity")),
                Int(Property(e, "total_bookings")), Property(e, "location")))
            .ToDictionary(e => e.Id);
        var bookings = objects.GetProperty("bookings").EnumerateArray()
            .Where(b => !b.GetProperty("archived").GetBoolean())
            .Select(b => new ChaosBookingView(b.GetProperty("id").GetString()!, Property(b, "booking_id"),
                b.GetProperty("associations").EnumerateArray().Select(a => a.GetProperty("toObjectId").GetString()!).FirstOrDefault(examSet.Contains),
                Property(b, "contact_id"), Property(b, "is_active") == "true"))
            .Where(b => b.ExamId is not null)
            .ToList();
        return new ChaosTruth(examViews, bookings);
    }

    public static async Task<ChaosTruth> ReplicaAsync(string connectionString, IReadOnlyCollection<string> exams, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        Dictionary<string, ChaosExamView> examViews = [];
        await using (var command = dataSource.CreateCommand("""
            select hubspot_id, coalesce(capacity, 0), coalesce(total_bookings, 0), location
            from public.hubspot_mock_exams where hubspot_id = any($1) and deleted_at is null
            """))
        {
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. exams] });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                examViews[reader.GetString(0)] = new ChaosExamView(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3));
            }
        }

        List<ChaosBookingView> bookings = [];
        await using (var command = dataSource.CreateCommand("""
            select hubspot_id, booking_id, mock_exam_id, contact_id, is_active = 'true'
            from public.hubspot_bookings where mock_exam_id = any($1) and deleted_at is null
            """))
        {
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. exams] });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                bookings.Add(new ChaosBookingView(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1),
                    reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), !reader.IsDBNull(4) && reader.GetBoolean(4)));
            }
        }

        return new ChaosTruth(examViews, bookings);
    }

    /// <summary>
    /// The api's answer for one exam's bookings, every page of it: (HubSpot id, active) of each; null if a page did not
    /// answer 200. A long run holds more bookings (cancelled ones too) than one page.
    /// </summary>
    public static async Task<IReadOnlySet<(string Id, bool Active)>?> ApiBookingsAsync(HttpClient api, string exam, CancellationToken cancellationToken)
    {
        const int pageSize = 200;
        HashSet<(string Id, bool Active)> bookings = [];
        for (var page = 1; ; page++)
        {
            using var response = await api.GetAsync($"/api/mock-exams/{exam}/bookings?page={page}&page_size={pageSize}", cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            var rows = body.GetProperty("bookings").EnumerateArray().ToList();
            bookings.UnionWith(rows.Select(b => (b.GetProperty("hubspot_id").GetString()!,
                b.TryGetProperty("is_active", out var a) && a.ValueKind == JsonValueKind.String && a.GetString() == "true")));
            if (rows.Count < pageSize)
            {
                return bookings;
            }
        }
    }

    /// <summary>The api's answer for one exam: (capacity, location); null if it did not answer 200.</summary>
    public static async Task<(int Capacity, string? Location)?> ApiExamAsync(HttpClient api, string exam, CancellationToken cancellationToken)
    {
        using var response = await api.GetAsync($"/api/mock-exams/{exam}", cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        var body = (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("exam");
        var location = body.TryGetProperty("location", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString() : null;
        return (body.GetProperty("capacity").GetInt32(), location);
    }

    private static string? Property(JsonElement record, string name) =>
        record.GetProperty("properties").TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int Int(string? value) => int.TryParse(value, out var number) ? number : 0;
}
