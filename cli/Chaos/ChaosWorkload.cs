using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MockExams.Cli.Load;

namespace MockExams.Cli.Chaos;

/// <summary>
/// The clients of a chaos run: bookings (a few repeated by the same student), cancels, batch cancels, exam edits
/// through the api, staff edits made directly in HubSpot (the sandbox), and reads, spread over every api process.
/// Every answer is kept (<see cref="Calls"/>) for the checks.
/// </summary>
public sealed class ChaosWorkload(IReadOnlyList<HttpClient> apis, HttpClient sandbox, int seed)
{
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(60);
    private readonly ConcurrentBag<ChaosCall> _calls = [];
    private readonly ConcurrentDictionary<string, string> _booked = new();         // booking_id -> exam
    private readonly ConcurrentDictionary<string, string> _bookedHubSpotId = new(); // booking_id -> HubSpot record id
    private readonly ConcurrentDictionary<(string Exam, string Contact), byte> _tried = new();
    private readonly ConcurrentDictionary<string, int> _capacity = new();
    private readonly ConcurrentQueue<string> _contacts = new();
    private IReadOnlyList<string> _exams = [];

    public IReadOnlyCollection<ChaosCall> Calls => _calls;

    /// <summary>HubSpot record ids of bookings staff cancelled directly in HubSpot.</summary>
    public ConcurrentBag<string> StaffCancelled { get; } = [];

    public IReadOnlyList<string> Exams => _exams;

    public async Task PrepareAsync(int exams, int capacity, int contacts, CancellationToken cancellationToken)
    {
        var made = await Task.WhenAll(Enumerable.Range(0, exams).Select(i => LoadSetup.CreateExamAsync(apis[0], "Chaos", capacity, attempts: 20, cancellationToken)));
        _exams = made;
        foreach (var exam in made)
        {
            _capacity[exam] = capacity;
        }

        foreach (var contact in await LoadSetup.ParallelAsync(contacts, 16, _ => LoadSetup.CreateContactAsync(sandbox, "Chaos", cancellationToken)))
        {
            _contacts.Enqueue(contact);
        }
    }

    public async Task RunAsync(int workers, TimeSpan duration, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(duration);
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => WorkerAsync(new Random(seed * 1000 + w), stop.Token)));
    }

    private async Task WorkerAsync(Random random, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var api = apis[random.Next(apis.Count)];
            var roll = random.Next(100);
            try
            {
                if (roll < 55)
                {
                    await BookAsync(api, random);
                }
                else if (roll < 65)
                {
                    await CancelAsync(api, random);
                }
                else if (roll < 70)
                {
                    await BatchCancelAsync(api, random);
                }
                else if (roll < 75)
                {
                    await EditExamAsync(api, random);
                }
                else if (roll < 80)
                {
                    await StaffEditAsync(random);
                }
                else
                {
                    await ReadAsync(api, random);
                }
            }
            catch (HttpRequestException)
            {
                // recorded as status 0 by SendAsync; the sandbox's own admin calls may fail while HubSpot is "down"
            }

            await Task.Delay(random.Next(20, 120), CancellationToken.None);
        }
    }

    private async Task BookAsync(HttpClient api, Random random)
    {
        var exam = _exams[random.Next(_exams.Count)];
        // One in ten repeats a student who already asked for this exam (an expected 409, or the first answer).
        var repeat = random.Next(10) == 0 ? _tried.Keys.Where(k => k.Exam == exam).Select(k => k.Contact).FirstOrDefault() : null;
        var contact = repeat ?? (_contacts.TryDequeue(out var fresh) ? fresh : null);
        if (contact is null)
        {
            return;
        }

        _tried[(exam, contact)] = 0;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/bookings")
        {
            Content = JsonContent.Create(LoadSetup.BookingBody("Chaos", exam, contact)),
        };
        var (status, retryAfter, body, elapsed) = await SendAsync(api, request);
        string? bookingId = null;
        if (status == 201 && body.ValueKind == JsonValueKind.Object)
        {
            var booking = body.GetProperty("booking");
            bookingId = booking.GetProperty("booking_id").GetString();
            _booked[bookingId!] = exam;
            if (booking.TryGetProperty("hubspot_id", out var hubSpotId) && hubSpotId.GetString() is { } id)
            {
                _bookedHubSpotId[bookingId!] = id;
            }
        }

        _calls.Add(new ChaosCall("book", "POST", status, retryAfter, exam, contact, bookingId, Reason(body), elapsed));
    }

    private async Task CancelAsync(HttpClient api, Random random)
    {
        if (Pick(random) is not { } bookingId)
        {
            return;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/bookings/{bookingId}/cancel");
        var (status, retryAfter, body, elapsed) = await SendAsync(api, request);
        _calls.Add(new ChaosCall("cancel", "POST", status, retryAfter, _booked.GetValueOrDefault(bookingId), null, bookingId, Reason(body), elapsed));
    }

    private async Task BatchCancelAsync(HttpClient api, Random random)
    {
        var ids = Enumerable.Range(0, 3).Select(_ => Pick(random)).OfType<string>().Distinct().ToList();
        if (ids is [])
        {
            return;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/bookings/batch-cancel")
        {
            Content = JsonContent.Create(new { booking_ids = ids }),
        };
        var (status, retryAfter, body, elapsed) = await SendAsync(api, request);
        _calls.Add(new ChaosCall("batch-cancel", "POST", status, retryAfter, null, null, string.Join(",", ids), Reason(body), elapsed));
    }

    private async Task EditExamAsync(HttpClient api, Random random)
    {
        var exam = _exams[random.Next(_exams.Count)];
        // Capacity only grows, so "never over capacity" is checked against a capacity that only rose.
        var capacity = _capacity.AddOrUpdate(exam, 0, (_, c) => c + 1);
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/mock-exams/{exam}")
        {
            Content = JsonContent.Create(new Dictionary<string, object> { ["capacity"] = capacity, ["location"] = $"Room {random.Next(100)}" }),
        };
        var (status, retryAfter, body, elapsed) = await SendAsync(api, request);
        _calls.Add(new ChaosCall("edit-exam", "PATCH", status, retryAfter, exam, null, null, Reason(body), elapsed));
    }

    private async Task StaffEditAsync(Random random)
    {
        if (random.Next(2) == 0 && Pick(random) is { } bookingId && _bookedHubSpotId.TryGetValue(bookingId, out var hubSpotId))
        {
            // Staff cancel a booking in HubSpot's UI.
            using var response = await sandbox.PatchAsJsonAsync($"/__sandbox/objects/bookings/{hubSpotId}",
                new { properties = new Dictionary<string, string> { ["is_active"] = "false", ["booking_status"] = "Cancelled" } });
            if (response.IsSuccessStatusCode)
            {
                StaffCancelled.Add(hubSpotId);
                _booked.TryRemove(bookingId, out _);
            }

            return;
        }

        var exam = _exams[random.Next(_exams.Count)];
        using var edit = await sandbox.PatchAsJsonAsync($"/__sandbox/objects/mock_exams/{exam}",
            new { properties = new Dictionary<string, string> { ["location"] = $"Staff room {random.Next(100)}" } });
    }

    private async Task ReadAsync(HttpClient api, Random random)
    {
        var exam = _exams[random.Next(_exams.Count)];
        var path = random.Next(2) == 0 ? $"/api/mock-exams/{exam}" : $"/api/mock-exams/{exam}/bookings";
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        var (status, retryAfter, body, elapsed) = await SendAsync(api, request);
        _calls.Add(new ChaosCall("read", "GET", status, retryAfter, exam, null, null, Reason(body), elapsed));
    }

    private string? Pick(Random random)
    {
        var ids = _booked.Keys.ToList();
        if (ids is [])
        {
            return null;
        }

        var id = ids[random.Next(ids.Count)];
        _booked.TryRemove(id, out _);   // each booking is cancelled by one client at most
        return id;
    }

    private static async Task<(int Status, bool RetryAfter, JsonElement Body, double ElapsedMs)> SendAsync(HttpClient api, HttpRequestMessage request)
    {
        var started = Stopwatch.GetTimestamp();
        using var timeout = new CancellationTokenSource(ClientTimeout);
        try
        {
            using var response = await api.SendAsync(request, timeout.Token);
            var text = await response.Content.ReadAsStringAsync(timeout.Token);
            var body = text.Length > 0 && text[0] == '{' ? JsonDocument.Parse(text).RootElement.Clone() : default;
            return ((int)response.StatusCode, response.Headers.RetryAfter is not null, body, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
        {
            return (0, false, default, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    private static string? Reason(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String
            ? reason.GetString()
            : null;
}
