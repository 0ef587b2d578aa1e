using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MockExams.Cli.Load;
using Npgsql;

namespace MockExams.Cli.Storm;

/// <summary>
/// A booking storm against a running api: N exams × capacity created through the api, M concurrent booking requests
/// from distinct students (plus duplicates and cancels), then every invariant checked against HubSpot (the sandbox's
/// dump), the replica (SQL) and the api (reads). Used by <c>mockexams storm</c> and by the tests.
/// </summary>
public sealed partial class StormRunner(HttpClient api, HttpClient sandbox, string? replicaConnectionString, Action<string>? progress = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    public async Task<StormReport> RunAsync(StormSettings settings, CancellationToken cancellationToken)
    {
        Say($"creating {settings.Requests} students in the sandbox");
        var contacts = await LoadSetup.ParallelAsync(settings.Requests, 32, _ => LoadSetup.CreateContactAsync(sandbox, "Storm", cancellationToken));
        Say($"creating {settings.Exams} exams × {settings.Capacity} seats through the api");
        var exams = await LoadSetup.ParallelAsync(settings.Exams, 8, _ => LoadSetup.CreateExamAsync(api, "Storm", settings.Capacity, attempts: 10, cancellationToken));

        var plan = Enumerable.Range(0, settings.Requests).Select(i => (Exam: exams[i % exams.Count], Contact: contacts[i]))
            .Concat(Enumerable.Range(0, settings.Duplicates).Select(i => (Exam: exams[i % exams.Count], Contact: contacts[i % contacts.Count])))
            .OrderBy(_ => Random.Shared.Next()).ToList();
        var callsBefore = await SandboxStatsAsync(cancellationToken);

        Say($"firing {plan.Count} booking requests, {settings.Concurrency} at a time");
        var outcomes = new ConcurrentBag<Outcome>();
        var wall = Stopwatch.StartNew();
        using (var gate = new SemaphoreSlim(settings.Concurrency))
        {
            await Task.WhenAll(plan.Select(async p =>
            {
                await gate.WaitAsync(cancellationToken);
                try
                {
                    outcomes.Add(await BookAsync(p.Exam, p.Contact, wall.Elapsed, cancellationToken));
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        wall.Stop();
        var callsAfterRush = await SandboxStatsAsync(cancellationToken);
        var cancelled = await CancelAsync(outcomes, settings.Cancels, cancellationToken);

        Say("waiting for HubSpot's total_bookings to settle");
        var (hubSpot, settled) = await WaitForHubSpotTotalsAsync(exams, settings.SettleTimeout ?? TimeSpan.FromSeconds(20), cancellationToken);
        var callsAfter = await SandboxStatsAsync(cancellationToken);
        var overCapacity = await OverCapacityAsync(exams, cancellationToken);
        var report = Summarize(settings, outcomes.ToList(), cancelled, wall.Elapsed, callsBefore, callsAfterRush, callsAfter)
            with { ReplicaChecked = replicaConnectionString is not null, OverCapacityExams = overCapacity.Count };
        await VerifyAsync(report, settings, exams, outcomes.ToList(), cancelled, hubSpot, settled, overCapacity, cancellationToken);
        return report;
    }

    private async Task<Outcome> BookAsync(string examId, string contactId, TimeSpan sentAt, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await api.PostAsJsonAsync("/api/bookings", LoadSetup.BookingBody("Storm", examId, contactId), cancellationToken);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started);
            var reason = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("reason", out var r) ? r.GetString() : null;
            var bookingId = response.StatusCode == HttpStatusCode.Created
                ? body.GetProperty("booking").GetProperty("booking_id").GetString()
                : null;
            return new Outcome(examId, contactId, (int)response.StatusCode, reason, bookingId,
                response.Headers.RetryAfter is not null, elapsed, sentAt);
        }
        catch (HttpRequestException ex)
        {
            return new Outcome(examId, contactId, 0, ex.Message, null, false, Stopwatch.GetElapsedTime(started), sentAt);
        }
    }

    private async Task<List<string>> CancelAsync(IEnumerable<Outcome> outcomes, int count, CancellationToken cancellationToken)
    {
        var toCancel = outcomes.Where(o => o.BookingId is not null).Take(count).Select(o => o.BookingId!).ToList();
        if (toCancel is [])
        {
            return [];
        }

        Say($"cancelling {toCancel.Count} bookings");
        var results = await Task.WhenAll(toCancel.Select(async id =>
        {
            using var response = await api.PostAsync($"/api/bookings/{id}/cancel", null, cancellationToken);
            return response.StatusCode == HttpStatusCode.OK ? id : null;
        }));
        return [.. results.OfType<string>()];
    }

    private static StormReport Summarize(
        StormSettings settings, List<Outcome> outcomes, List<string> cancelled, TimeSpan wall, SandboxStats before, SandboxStats afterRush,
        SandboxStats after)
    {
        var booked = outcomes.Count(o => o.Status == 201);
        var createCalls = after.BookingCreateCalls - before.BookingCreateCalls;
        var latencies = outcomes.Select(o => o.Elapsed.TotalMilliseconds).Order().ToList();
        double Percentile(double p) => PercentileOf(latencies, p);
        return new StormReport
        {
            Exams = settings.Exams,
            Capacity = settings.Capacity,
            Requests = outcomes.Count,
            Booked = booked,
            Rejected = outcomes.Count(o => o.Status is 409 or 404 or 422),
            RejectedByReason = outcomes.Where(o => o.Status is 409 or 404 or 422).GroupBy(o => o.Reason ?? "?").ToDictionary(g => g.Key, g => g.Count()),
            RetryLater = outcomes.Count(o => o.Status == 503),
            RetryAfterMissing = outcomes.Count(o => o.Status == 503 && !o.HasRetryAfter),
            Http429 = outcomes.Count(o => o.Status == 429),
            OtherErrors = outcomes.Count(o => o.Status is not (201 or 409 or 404 or 422 or 503 or 429)),
            Cancelled = cancelled.Count,
            HubSpotCalls = after.Total - before.Total,
            HubSpotCallsByEndpoint = after.ByEndpoint.ToDictionary(e => e.Key, e => e.Value - before.ByEndpoint.GetValueOrDefault(e.Key))
                .Where(e => e.Value > 0).ToDictionary(),
            HubSpot429 = after.RateLimited - before.RateLimited,
            BookingCreateCalls = createCalls,
            BookingsPerCreateCall = createCalls == 0 ? 0 : Math.Round((double)booked / createCalls, 1),
            HubSpotCallsDuringRush = afterRush.Total - before.Total,
            WallSeconds = Math.Round(wall.TotalSeconds, 3),
            P50Ms = Math.Round(Percentile(0.50), 1),
            P99Ms = Math.Round(Percentile(0.99), 1),
            MaxMs = Math.Round(latencies.LastOrDefault(), 1),
            LatencyBySecondSent = [.. outcomes.GroupBy(o => (int)o.SentAt.TotalSeconds).OrderBy(g => g.Key).Select(g =>
            {
                var sorted = g.Select(o => o.Elapsed.TotalMilliseconds).Order().ToList();
                return new StormSecond(g.Key, sorted.Count, Math.Round(PercentileOf(sorted, 0.50), 1), Math.Round(PercentileOf(sorted, 0.99), 1));
            })],
        };
    }

    private static double PercentileOf(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private async Task<SandboxStats> SandboxStatsAsync(CancellationToken cancellationToken)
    {
        var stats = await sandbox.GetFromJsonAsync<JsonElement>("/__sandbox/stats", cancellationToken);
        var byEndpoint = stats.GetProperty("callsByEndpoint").EnumerateObject()
            .ToDictionary(e => e.Name, e => e.Value.EnumerateObject().Sum(s => s.Value.GetInt64()));
        var limited = stats.GetProperty("rateLimitedByPolicy").EnumerateObject().Sum(p => p.Value.GetInt64());
        var bookingCreates = stats.TryGetProperty("callsByObjectType", out var byType) && byType.TryGetProperty("bookings", out var bookings)
            ? bookings.EnumerateObject().Where(e => IsCreate(e.Name))
                .Sum(e => e.Value.EnumerateObject().Where(s => s.Name != "429").Sum(s => s.Value.GetInt64()))
            : 0;
        return new SandboxStats(stats.GetProperty("totalCalls").GetInt64(), byEndpoint, limited, bookingCreates);
    }

    // "POST …/{objectType}/batch/create" or the single "POST …/{objectType}".
    private static bool IsCreate(string endpoint) =>
        endpoint.StartsWith("POST ", StringComparison.Ordinal)
        && (endpoint.EndsWith("/{objectType}/batch/create", StringComparison.Ordinal) || endpoint.EndsWith("/{objectType}", StringComparison.Ordinal));

    /// <summary>The storm's exams that HubSpot (the sandbox) ever held over capacity, one line each.</summary>
    private async Task<List<string>> OverCapacityAsync(IReadOnlyList<string> exams, CancellationToken cancellationToken)
    {
        List<string> over = [];
        foreach (var chunk in exams.Chunk(200))
        {
            var occupancy = await sandbox.GetFromJsonAsync<JsonElement>($"/__sandbox/occupancy?examIds={string.Join(',', chunk)}", cancellationToken);
            over.AddRange(occupancy.GetProperty("overCapacity").EnumerateArray().Select(o =>
                $"exam {o.GetProperty("examId").GetString()}: HubSpot held {o.GetProperty("active").GetInt32()} active bookings at once "
                + $"with capacity {o.GetProperty("capacity").GetInt64()}"));
        }

        return over;
    }

    private void Say(string message) => progress?.Invoke(message);

    private sealed record Outcome(
        string ExamId, string ContactId, int Status, string? Reason, string? BookingId, bool HasRetryAfter, TimeSpan Elapsed, TimeSpan SentAt);

    private sealed record SandboxStats(long Total, Dictionary<string, long> ByEndpoint, long RateLimited, long BookingCreateCalls);

    private sealed record HubSpotBookingView(string? BookingId, string? ContactId);

    private sealed record HubSpotView(
        Dictionary<string, int> TotalBookings, Dictionary<string, IReadOnlyList<HubSpotBookingView>> ActiveBookings);
}
