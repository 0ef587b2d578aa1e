using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MockExams.Tests.Fixtures;

namespace MockExams.Tests.Grains.Exams;

/// <summary>Exam writes through the exam grain: HubSpot first, then the replica; capacity never below bookings.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ExamWriteTests(ClusterFixture fixture) : IDisposable
{
    private readonly WriteScenario _scenario = new(fixture);

    private static CancellationToken Token => WriteScenario.Token;

    [Fact]
    public async Task Create_Valid_Is201AndInHubSpotAndReplica()
    {
        var examId = await _scenario.CreateExamAsync(capacity: 12);

        var exam = await _scenario.Api.GetFromJsonAsync<JsonElement>($"/api/mock-exams/{examId}", Token);

        Assert.Equal(12, exam.GetProperty("exam").GetProperty("capacity").GetInt32());
        Assert.Equal("true", exam.GetProperty("exam").GetProperty("is_active").GetString());
        Assert.Equal("12", (await _scenario.HubSpotExamAsync(examId)).GetProperty("properties").GetProperty("capacity").GetString());
    }

    [Theory]
    [InlineData("exam_date", "14/03/2030")]
    [InlineData("capacity", null)]
    [InlineData("location", "")]
    public async Task Create_BadField_Is400NamingTheField(string field, string? value)
    {
        var body = new Dictionary<string, object?>
        {
            ["mock_exam_name"] = "SJ", ["mock_type"] = "SJ", ["exam_date"] = "2030-03-14", ["location"] = "Toronto", ["capacity"] = 5,
        };
        body[field] = value;

        var response = await _scenario.Api.PostAsJsonAsync("/api/mock-exams", body, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task Patch_CapacityBelowActiveBookings_Is409AndNothingChanges()
    {
        var examId = await _scenario.CreateExamAsync(capacity: 5);
        foreach (var _ in Enumerable.Range(0, 2))
        {
            Assert.Equal(HttpStatusCode.Created, (await _scenario.BookAsync(examId, await _scenario.CreateContactAsync())).StatusCode);
        }

        var below = await _scenario.Api.PatchAsJsonAsync($"/api/mock-exams/{examId}", new { capacity = 1 }, Token);
        var equal = await _scenario.Api.PatchAsJsonAsync($"/api/mock-exams/{examId}", new { capacity = 2 }, Token);

        Assert.Equal(HttpStatusCode.Conflict, below.StatusCode);
        Assert.Equal("capacity_below_bookings", await WriteScenario.ReasonAsync(below));
        Assert.Equal(HttpStatusCode.OK, equal.StatusCode);
        Assert.Equal(2, (await equal.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("exam").GetProperty("capacity").GetInt32());
        Assert.Equal(2, await _scenario.ScalarAsync<int>("select capacity from public.hubspot_mock_exams where hubspot_id = $1", examId));
        var full = await _scenario.BookAsync(examId, await _scenario.CreateContactAsync());
        Assert.Equal("exam_full", await WriteScenario.ReasonAsync(full));
    }

    [Fact]
    public async Task Deactivate_ThenActivate_BookingFollows()
    {
        var examId = await _scenario.CreateExamAsync(capacity: 5);

        var off = await _scenario.Api.PostAsync($"/api/mock-exams/{examId}/deactivate", null, Token);
        var refused = await _scenario.BookAsync(examId, await _scenario.CreateContactAsync());
        var on = await _scenario.Api.PostAsJsonAsync("/api/mock-exams/batch-activate", new { exam_ids = new[] { examId, "404404404" } }, Token);
        var accepted = await _scenario.BookAsync(examId, await _scenario.CreateContactAsync());

        Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        Assert.Equal("exam_inactive", await WriteScenario.ReasonAsync(refused));
        var results = (await on.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["changed", "rejected"], results.Select(r => r.GetProperty("status").GetString()));
        Assert.Equal("exam_not_found", results[1].GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        Assert.Equal("true", (await _scenario.HubSpotExamAsync(examId)).GetProperty("properties").GetProperty("is_active").GetString());
    }

    [Fact]
    public async Task Delete_Exam_ArchivedInHubSpotSoftDeletedInReplica()
    {
        var examId = await _scenario.CreateExamAsync(capacity: 5);

        var response = await _scenario.Api.DeleteAsync($"/api/mock-exams/{examId}", Token);
        var read = await _scenario.Api.GetAsync($"/api/mock-exams/{examId}", Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.True((await _scenario.HubSpotExamAsync(examId)).GetProperty("archived").GetBoolean());
        Assert.True(await _scenario.ScalarAsync<bool>("select deleted_at is not null from public.hubspot_mock_exams where hubspot_id = $1", examId));
    }

    [Fact]
    public async Task Book_ManyFlushes_HubSpotTotalBookingsCatchesUpExactly()
    {
        var examId = await _scenario.CreateExamAsync(capacity: 10);
        var contacts = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _scenario.CreateContactAsync()));

        foreach (var contact in contacts)
        {
            Assert.Equal(HttpStatusCode.Created, (await _scenario.BookAsync(examId, contact)).StatusCode);
        }

        Assert.Equal(4, await _scenario.ReplicaTotalBookingsAsync(examId));
        await WriteScenario.EventuallyAsync(async () => await _scenario.HubSpotTotalBookingsAsync(examId) == "4", "HubSpot's total_bookings = 4");
    }

    [Fact]
    public async Task Create_SameIdempotencyKeyTwice_OneExamAndTheFirstAnswer()
    {
        var (body, key) = (ExamBody(), Guid.NewGuid().ToString("N"));

        var first = await PostExamAsync(body, key);
        var repeat = await PostExamAsync(body, key);
        var reused = await PostExamAsync(ExamBody(), key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, repeat.StatusCode);
        Assert.Equal(await ExamIdOf(first), await ExamIdOf(repeat));
        Assert.Single(await HubSpotExamsNamedAsync((string)body["mock_exam_name"]!));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Equal("idempotency_key_reused", await WriteScenario.ReasonAsync(reused));
    }

    [Fact]
    public async Task Create_HubSpotCreatesItButTheAnswerIsLost_RetryWithTheKeyAdoptsItWithoutADuplicate()
    {
        var (body, key) = (ExamBody(), Guid.NewGuid().ToString("N"));
        HttpResponseMessage lost;
        try
        {
            // Every call is carried out and its answer dropped: the create, and the look-ups that would settle it.
            fixture.Sandbox.Config.Update(s => s with { TimeoutRate = 1, TimeoutHangMs = 200 });
            lost = await PostExamAsync(body, key);
        }
        finally
        {
            fixture.Sandbox.Config.Update(s => s with { TimeoutRate = 0 });
        }

        var retried = await PostExamAsync(body, key);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, lost.StatusCode);
        Assert.NotNull(lost.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        var inHubSpot = Assert.Single(await HubSpotExamsNamedAsync((string)body["mock_exam_name"]!));
        var examId = await ExamIdOf(retried);
        Assert.Equal(inHubSpot.GetProperty("id").GetString(), examId);
        Assert.Equal(HttpStatusCode.OK, (await _scenario.Api.GetAsync($"/api/mock-exams/{examId}", Token)).StatusCode);
    }

    private static Dictionary<string, object?> ExamBody() => new()
    {
        ["mock_exam_name"] = $"Keyed {Guid.NewGuid():N}"[..18], ["mock_type"] = "Clinical Skills", ["exam_date"] = "2030-09-01",
        ["location"] = "Ottawa", ["capacity"] = 8, ["is_active"] = true,
    };

    private Task<HttpResponseMessage> PostExamAsync(Dictionary<string, object?> body, string idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/mock-exams") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return _scenario.Api.SendAsync(request, Token);
    }

    private static async Task<string?> ExamIdOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("exam").GetProperty("hubspot_id").GetString();

    private async Task<List<JsonElement>> HubSpotExamsNamedAsync(string name)
    {
        using var sandbox = fixture.Sandbox.CreateClient();
        var dump = await sandbox.GetFromJsonAsync<JsonElement>("/__sandbox/dump", Token);
        return [.. dump.GetProperty("objects").GetProperty("mock_exams").EnumerateArray()
            .Where(e => !e.GetProperty("archived").GetBoolean()
                && e.GetProperty("properties").TryGetProperty("mock_exam_name", out var n) && n.GetString() == name)];
    }

    public void Dispose() => _scenario.Dispose();
}
