using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using MockExams.Tests.Fixtures;
using MockExams.Tests.Grains.Sync;

namespace MockExams.Tests.Api.Events;

/// <summary>Realtime exam events over SSE: snapshot, changes from anywhere, resume, permissions, the connection cap.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ExamEventTests(ClusterFixture fixture) : IDisposable
{
    private static readonly string[] ExamEventFields =
    [
        "hubspot_id", "mock_exam_name", "mock_type", "exam_date", "start_time", "end_time", "location",
        "capacity", "total_bookings", "seats_left", "is_active", "synced_at", "hs_last_modified_at",
    ];

    private readonly WriteScenario _scenario = new(fixture);
    private readonly HttpClient _viewer = fixture.CreateClient("exams.view");

    [Fact]
    public async Task Connect_OneExam_SendsItsSeatsFromTheReplicaThenReady()
    {
        var examId = await _scenario.CreateExamAsync(capacity: 3);

        await using var stream = await EventStream.OpenAsync(_viewer, $"/api/mock-exams/{examId}/events");
        var initial = await stream.InitialAsync();

        Assert.Equal(["exam", "ready"], initial.Select(e => e.Type));
        var exam = initial[0];
        Assert.Equal(examId, exam.Data.GetProperty("hubspot_id").GetString());
        Assert.Equal((3, 0, 3), (exam.Int("capacity"), exam.Int("total_bookings"), exam.Int("seats_left")));
        Assert.True(exam.Data.GetProperty("is_active").GetBoolean());
        Assert.Equal(1, initial[1].Int("exams"));
        Assert.False(initial[1].Data.GetProperty("resumed").GetBoolean());
        Assert.NotNull(initial[1].Id);
    }

    [Fact]
    public async Task Book_ThroughAnotherApi_BothApisStreamTheNewSeatCount()
    {
        var examId = await _scenario.CreateExamAsync(capacity: 3);
        var contactId = await _scenario.CreateContactAsync();
        await using var otherApi = fixture.StartAnotherApi();
        using var otherViewer = ClusterFixture.CreateClient(otherApi, "exams.view");
        using var otherBooker = ClusterFixture.CreateClient(otherApi, "bookings.manage");
        await using var here = await EventStream.OpenAsync(_viewer, $"/api/mock-exams/{examId}/events");
        await using var there = await EventStream.OpenAsync(otherViewer, $"/api/mock-exams/{examId}/events");
        await here.InitialAsync();
        await there.InitialAsync();

        var booked = await _scenario.BookAsync(examId, contactId, client: otherBooker);
        var answeredAt = DateTimeOffset.UtcNow;

        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        foreach (var stream in new[] { here, there })
        {
            var change = await stream.NextAsync("exam", data => data.GetProperty("total_bookings").GetInt32() == 1);
            Assert.Equal(2, change.Int("seats_left"));
            Assert.NotNull(change.Id);
            TestContext.Current.SendDiagnosticMessage($"event {(change.ReceivedAt - answeredAt).TotalMilliseconds:F0} ms after the booking was answered");
        }
    }

    [Fact]
    public async Task AllExamsStream_ABooking_EventHasExamFieldsOnlyAndNoStudentData()
    {
        var examId = await _scenario.CreateExamAsync(capacity: 2);
        var contactId = await _scenario.CreateContactAsync();
        await using var stream = await EventStream.OpenAsync(_viewer, "/api/mock-exams/events?location=Toronto");
        var initial = await stream.InitialAsync();
        Assert.Contains(initial, e => e.Type == "exam" && e.Data.GetProperty("hubspot_id").GetString() == examId);

        Assert.Equal(HttpStatusCode.Created, (await _scenario.BookAsync(examId, contactId)).StatusCode);
        var change = await stream.NextAsync("exam", data => data.GetProperty("hubspot_id").GetString() == examId);

        Assert.Equal((1, 1), (change.Int("total_bookings"), change.Int("seats_left")));
        Assert.Equal(ExamEventFields, change.Data.EnumerateObject().Select(p => p.Name));
        var student = WriteScenario.BookingBody(examId, contactId);
        foreach (var field in new[] { "student_email", "student_name", "student_id" })
        {
            Assert.DoesNotContain((string)student[field]!, change.Raw, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task AllExamsStream_FilterExcludesTheExam_NoEventForItsBooking()
    {
        var examId = await _scenario.CreateExamAsync(capacity: 2);
        var watchedId = await _scenario.CreateExamAsync(capacity: 2);
        await using var stream = await EventStream.OpenAsync(_viewer, "/api/mock-exams/events?location=Nowhere");
        var initial = await stream.InitialAsync();
        Assert.Equal(["ready"], initial.Select(e => e.Type));

        await _scenario.BookAsync(examId, await _scenario.CreateContactAsync());
        var moved = await _scenario.Api.PatchAsJsonAsync($"/api/mock-exams/{watchedId}",
            new Dictionary<string, object?> { ["location"] = "Nowhere" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);

        // The first exam event is the exam that moved into the filter, not the booked one outside it.
        var first = await stream.NextAsync("exam");
        Assert.Equal(watchedId, first.Data.GetProperty("hubspot_id").GetString());
    }

    [Fact]
    public async Task ForceSync_ExamChangedInHubSpot_StreamsTheNewCapacity()
    {
        var examId = await _scenario.CreateExamAsync(capacity: 3);
        await using var stream = await EventStream.OpenAsync(_viewer, $"/api/mock-exams/{examId}/events");
        await stream.InitialAsync();
        await SyncTestKit.UpdateAsync(fixture.Sandbox, SyncTestKit.ExamType, examId, new() { ["capacity"] = "7" });

        var synced = await _scenario.Api.PostAsync($"/api/admin/sync/force-supabase?type=bookings&examId={examId}", null,
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, synced.StatusCode);
        var change = await stream.NextAsync("exam", data => data.GetProperty("capacity").GetInt32() == 7);
        Assert.Equal(7, change.Int("seats_left"));
    }

    [Fact]
    public async Task Reconnect_WithLastEventId_SendsOnlyWhatChangedSince()
    {
        var examId = await _scenario.CreateExamAsync(capacity: 5);
        var path = $"/api/mock-exams/{examId}/events";
        await using var keepsTheFeedListening = await EventStream.OpenAsync(_viewer, "/api/mock-exams/events?location=Nowhere");
        string lastEventId;
        await using (var first = await EventStream.OpenAsync(_viewer, path))
        {
            await first.InitialAsync();
            await _scenario.BookAsync(examId, await _scenario.CreateContactAsync());
            await first.NextAsync("exam", data => data.GetProperty("total_bookings").GetInt32() == 1);
            lastEventId = first.LastEventId!;
        }

        await using (var watcher = await EventStream.OpenAsync(_viewer, path))
        {
            await watcher.InitialAsync();
            await _scenario.BookAsync(examId, await _scenario.CreateContactAsync());
            await EventuallyReplicaTotalAsync(examId, 2);
            // The feed has read the change (it reads each changed exam through its grain after the invalidation).
            await watcher.NextAsync("exam", data => data.GetProperty("total_bookings").GetInt32() == 2);
        }

        await using var resumed = await EventStream.OpenAsync(_viewer, path, lastEventId);
        var initial = await resumed.InitialAsync();

        Assert.Equal(["exam", "ready"], initial.Select(e => e.Type));
        Assert.Equal(2, initial[0].Int("total_bookings"));
        Assert.True(initial[1].Data.GetProperty("resumed").GetBoolean());
    }

    [Fact]
    public async Task Reconnect_WithAnUnknownLastEventId_GetsAFreshSnapshot()
    {
        var examId = await _scenario.CreateExamAsync(capacity: 5);

        await using var stream = await EventStream.OpenAsync(_viewer, $"/api/mock-exams/{examId}/events", "someone-else.42");
        var initial = await stream.InitialAsync();

        Assert.Equal(["exam", "ready"], initial.Select(e => e.Type));
        Assert.False(initial[1].Data.GetProperty("resumed").GetBoolean());
    }

    [Fact]
    public async Task Connect_UnknownExam_Is404()
    {
        var response = await EventStream.SendAsync(_viewer, "/api/mock-exams/987654321098/events");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Connect_BadFilter_Is400NamingTheParameter()
    {
        var response = await EventStream.SendAsync(_viewer, "/api/mock-exams/events?startDate=tomorrow");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(["startDate"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task Connect_WithoutExamsView_Is403AndWithoutToken401()
    {
        using var booker = fixture.CreateClient("bookings.manage");
        using var anonymous = fixture.Api.CreateClient();

        var forbidden = await EventStream.SendAsync(booker, "/api/mock-exams/events");
        var unauthorized = await EventStream.SendAsync(anonymous, "/api/mock-exams/events");

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
    }

    [Fact]
    public async Task Connect_PastTheCap_Is503WithRetryAfterUntilAStreamCloses()
    {
        var examId = await _scenario.CreateExamAsync(capacity: 1);
        await using var cappedApi = fixture.StartAnotherApi().WithWebHostBuilder(web => web
            .UseSetting("ExamEvents:MaxConnections", "1")
            .UseSetting("ExamEvents:RetryAfterSeconds", "7"));
        using var client = ApiClients.Create(cappedApi, "exams.view");
        var path = $"/api/mock-exams/{examId}/events";

        var first = await EventStream.OpenAsync(client, path);
        await first.InitialAsync();
        var refused = await EventStream.SendAsync(client, path);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), refused.Headers.RetryAfter?.Delta);
        await first.DisposeAsync();
        await WriteScenario.EventuallyAsync(async () =>
        {
            using var again = await EventStream.SendAsync(client, path);
            return again.StatusCode == HttpStatusCode.OK;
        }, "a stream was accepted once the first closed");
    }

    private Task EventuallyReplicaTotalAsync(string examId, int total) =>
        WriteScenario.EventuallyAsync(async () => await _scenario.ReplicaTotalBookingsAsync(examId) == total, $"replica total {total}");

    public void Dispose()
    {
        _scenario.Dispose();
        _viewer.Dispose();
    }
}
