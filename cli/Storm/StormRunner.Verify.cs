using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace MockExams.Cli.Storm;

/// <summary>The storm's checks: what clients were told against HubSpot's dump, the replica and the api's reads.</summary>
public sealed partial class StormRunner
{
    private async Task VerifyAsync(
        StormReport report, StormSettings settings, IReadOnlyList<string> exams, List<Outcome> outcomes, List<string> cancelled,
        HubSpotView hubSpot, bool settled, IReadOnlyList<string> overCapacity, CancellationToken cancellationToken)
    {
        var violations = report.Violations;
        // At any instant, not only at the end: a seat given twice and freed later is still an overbooking.
        violations.AddRange(overCapacity);
        if (report.Http429 > 0)
        {
            violations.Add($"{report.Http429} clients got a 429");
        }

        if (report.RetryAfterMissing > 0)
        {
            violations.Add($"{report.RetryAfterMissing} 503 answers had no Retry-After");
        }

        if (report.OtherErrors > 0)
        {
            violations.Add($"{report.OtherErrors} requests failed otherwise ({string.Join(", ", outcomes.Where(o => o.Status is not (201 or 409 or 404 or 422 or 503 or 429)).Select(o => o.Status).Distinct())})");
        }

        if (!settled)
        {
            violations.Add("HubSpot's total_bookings did not settle in time");
        }

        var replica = replicaConnectionString is null ? null : await ReadReplicaAsync(exams, cancellationToken);
        var cancelledSet = cancelled.ToHashSet();
        foreach (var examId in exams)
        {
            var mine = outcomes.Where(o => o.ExamId == examId).ToList();
            var booked = mine.Where(o => o.Status == 201).ToList();
            var distinctStudents = mine.Select(o => o.ContactId).Distinct().Count();
            var retried = mine.Count(o => o.Status == 503);
            var expected = Math.Min(settings.Capacity, distinctStudents);
            if (booked.Count > settings.Capacity)
            {
                violations.Add($"exam {examId}: overbooked, {booked.Count} > {settings.Capacity}");
            }

            if (retried == 0 && booked.Count != expected)
            {
                violations.Add($"exam {examId}: booked {booked.Count}, expected min(capacity, students) = {expected}");
            }

            if (booked.GroupBy(o => o.ContactId).Any(g => g.Count() > 1))
            {
                violations.Add($"exam {examId}: a student was booked twice");
            }

            var active = booked.Count(o => !cancelledSet.Contains(o.BookingId!));
            var inHubSpot = hubSpot.ActiveBookings.GetValueOrDefault(examId) ?? [];
            if (inHubSpot.Count != active)
            {
                violations.Add($"exam {examId}: HubSpot holds {inHubSpot.Count} active bookings, clients were told {active}");
            }

            if (inHubSpot.GroupBy(b => b.ContactId).Any(g => g.Count() > 1))
            {
                violations.Add($"exam {examId}: HubSpot holds two active bookings of one student");
            }

            if (!booked.Where(o => !cancelledSet.Contains(o.BookingId!)).All(o => inHubSpot.Any(b => b.BookingId == o.BookingId)))
            {
                violations.Add($"exam {examId}: an acknowledged booking is missing in HubSpot");
            }

            if (hubSpot.TotalBookings.GetValueOrDefault(examId) != active)
            {
                violations.Add($"exam {examId}: HubSpot total_bookings {hubSpot.TotalBookings.GetValueOrDefault(examId)} != {active}");
            }

            if (replica is not null)
            {
                var (replicaActive, replicaTotal) = replica.GetValueOrDefault(examId);
                if (replicaActive != active || replicaTotal != active)
                {
                    violations.Add($"exam {examId}: replica active {replicaActive}, total_bookings {replicaTotal}, expected {active}");
                }
            }

            var apiTotal = await ApiTotalBookingsAsync(examId, cancellationToken);
            if (apiTotal != active)
            {
                violations.Add($"exam {examId}: the api reads total_bookings {apiTotal}, expected {active}");
            }
        }
    }

    private async Task<(HubSpotView View, bool Settled)> WaitForHubSpotTotalsAsync(
        IReadOnlyList<string> exams, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var view = await ReadHubSpotAsync(exams, cancellationToken);
            var settled = exams.All(e => view.TotalBookings.GetValueOrDefault(e) == (view.ActiveBookings.GetValueOrDefault(e)?.Count ?? 0));
            if (settled || deadline.Elapsed > timeout)
            {
                return (view, settled);
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    private async Task<HubSpotView> ReadHubSpotAsync(IReadOnlyList<string> exams, CancellationToken cancellationToken)
    {
        var dump = await sandbox.GetFromJsonAsync<JsonElement>("/__sandbox/dump", cancellationToken);
        var examSet = exams.ToHashSet();
        var objects = dump.GetProperty("objects");
        var totals = objects.GetProperty("mock_exams").EnumerateArray()
            .Where(e => examSet.Contains(e.GetProperty("id").GetString()!))
            .ToDictionary(e => e.GetProperty("id").GetString()!, e => int.TryParse(Property(e, "total_bookings"), out var t) ? t : 0);
        var active = objects.GetProperty("bookings").EnumerateArray()
            .Where(b => !b.GetProperty("archived").GetBoolean() && Property(b, "is_active") == "true")
            .Select(b => (Exam: b.GetProperty("associations").EnumerateArray().Select(a => a.GetProperty("toObjectId").GetString()!).FirstOrDefault(examSet.Contains),
                Booking: new HubSpotBookingView(Property(b, "booking_id"), Property(b, "contact_id"))))
            .Where(x => x.Exam is not null)
            .GroupBy(x => x.Exam!)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<HubSpotBookingView>)[.. g.Select(x => x.Booking)]);
        return new HubSpotView(totals, active);
    }

    private static string? Property(JsonElement record, string name) =>
        record.GetProperty("properties").TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private async Task<Dictionary<string, (long Active, int Total)>> ReadReplicaAsync(IReadOnlyList<string> exams, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(replicaConnectionString!);
        await using var command = dataSource.CreateCommand("""
            select e.hubspot_id,
                   (select count(*) from public.hubspot_bookings b
                    where b.mock_exam_id = e.hubspot_id and b.is_active = 'true' and b.deleted_at is null),
                   coalesce(e.total_bookings, 0)
            from public.hubspot_mock_exams e where e.hubspot_id = any($1)
            """);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. exams] });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        Dictionary<string, (long, int)> rows = [];
        while (await reader.ReadAsync(cancellationToken))
        {
            rows[reader.GetString(0)] = (reader.GetInt64(1), reader.GetInt32(2));
        }

        return rows;
    }

    private async Task<int?> ApiTotalBookingsAsync(string examId, CancellationToken cancellationToken)
    {
        using var response = await api.GetAsync($"/api/mock-exams/{examId}", cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return body.GetProperty("exam").GetProperty("total_bookings").GetInt32();
    }
}
