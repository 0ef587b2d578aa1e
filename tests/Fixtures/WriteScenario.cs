using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace MockExams.Tests.Fixtures;

/// <summary>What the write tests set up through the real front doors: exams through the api, contacts in the sandbox.</summary>
public sealed class WriteScenario(ClusterFixture fixture) : IDisposable
{
    private readonly HttpClient _admin = fixture.CreateClient("exams.view", "exams.edit", "bookings.manage");
    private readonly HttpClient _sandbox = fixture.Sandbox.CreateClient();

    public HttpClient Api => _admin;

    public static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Creates an exam through <c>POST /api/mock-exams</c> (HubSpot first, then the replica); returns its id.</summary>
    public async Task<string> CreateExamAsync(int capacity, bool active = true, string date = "2030-06-01")
    {
        var response = await _admin.PostAsJsonAsync("/api/mock-exams", new Dictionary<string, object?>
        {
            ["mock_exam_name"] = $"SJ Mock {Guid.NewGuid():N}"[..20],
            ["mock_type"] = "Situational Judgment",
            ["exam_date"] = date,
            ["start_time"] = "09:00",
            ["end_time"] = "12:00",
            ["location"] = "Toronto",
            ["capacity"] = capacity,
            ["is_active"] = active,
        }, Token);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        return body.GetProperty("exam").GetProperty("hubspot_id").GetString()!;
    }

    /// <summary>A contact in the sandbox (bookings are associated with one, so it must exist).</summary>
    public async Task<string> CreateContactAsync()
    {
        var email = $"s{Guid.NewGuid():N}@example.com";
        var response = await _sandbox.PostAsJsonAsync("/__sandbox/objects/contacts",
            new { properties = new Dictionary<string, string> { ["email"] = email, ["firstname"] = "Test" } }, Token);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        return body.GetProperty("id").GetString()!;
    }

    public static Dictionary<string, object?> BookingBody(string examId, string contactId) => new()
    {
        ["mock_exam_id"] = examId,
        ["contact_id"] = contactId,
        ["student_id"] = $"STU-{contactId}",
        ["student_name"] = $"Student {contactId}",
        ["student_email"] = $"student{contactId}@example.com",
        ["dominant_hand"] = "right",
        ["attending_location"] = "Toronto",
    };

    public Task<HttpResponseMessage> BookAsync(string examId, string contactId, string? idempotencyKey = null, HttpClient? client = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/bookings") { Content = JsonContent.Create(BookingBody(examId, contactId)) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return (client ?? _admin).SendAsync(request, Token);
    }

    public static async Task<string?> ReasonAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Token)).TryGetProperty("reason", out var reason) ? reason.GetString() : null;

    public static async Task<JsonElement> BookingOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("booking");

    /// <summary>Active bookings of the exam in the replica.</summary>
    public async Task<long> ReplicaActiveBookingsAsync(string examId) => await ScalarAsync<long>(
        "select count(*) from public.hubspot_bookings where mock_exam_id = $1 and is_active = 'true' and deleted_at is null", examId);

    public async Task<int> ReplicaTotalBookingsAsync(string examId) => await ScalarAsync<int>(
        "select total_bookings from public.hubspot_mock_exams where hubspot_id = $1", examId);

    public async Task<T> ScalarAsync<T>(string sql, string parameter)
    {
        await using var command = fixture.Database.DataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = parameter });
        return (T)(await command.ExecuteScalarAsync(Token))!;
    }

    /// <summary>Booking records in the sandbox (HubSpot's truth) associated with the exam.</summary>
    public async Task<IReadOnlyList<JsonElement>> HubSpotBookingsAsync(string examId)
    {
        var dump = await _sandbox.GetFromJsonAsync<JsonElement>("/__sandbox/dump", Token);
        return [.. dump.GetProperty("objects").GetProperty("bookings").EnumerateArray()
            .Where(b => !b.GetProperty("archived").GetBoolean()
                && b.GetProperty("associations").EnumerateArray().Any(a => a.GetProperty("toObjectId").GetString() == examId))];
    }

    public async Task<JsonElement> HubSpotExamAsync(string examId)
    {
        var dump = await _sandbox.GetFromJsonAsync<JsonElement>("/__sandbox/dump", Token);
        return dump.GetProperty("objects").GetProperty("mock_exams").EnumerateArray().Single(e => e.GetProperty("id").GetString() == examId);
    }

    /// <summary>The exam's <c>total_bookings</c> in HubSpot; null while HubSpot has none.</summary>
    public async Task<string?> HubSpotTotalBookingsAsync(string examId) =>
        (await HubSpotExamAsync(examId)).GetProperty("properties").TryGetProperty("total_bookings", out var total)
            ? total.GetString()
            : null;

    public static bool IsActive(JsonElement hubSpotBooking) =>
        hubSpotBooking.GetProperty("properties").TryGetProperty("is_active", out var active) && active.GetString() == "true";

    /// <summary>Waits until the condition holds (no sleeps in the assertions: a bounded wait for an asynchronous catch-up).</summary>
    /// <param name="observed">What the condition last saw, for the failure message.</param>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, int seconds = 20, Func<string>? observed = null)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(seconds));
        while (!await condition())
        {
            try
            {
                await Task.Delay(50, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Not within {seconds} s: {what}{(observed is null ? "" : $"; last seen: {observed()}")}");
            }
        }
    }

    public void Dispose()
    {
        _admin.Dispose();
        _sandbox.Dispose();
    }
}
