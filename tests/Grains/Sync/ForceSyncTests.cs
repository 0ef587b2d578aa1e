using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static MockExams.Tests.Grains.Sync.SyncTestKit;

namespace MockExams.Tests.Grains.Sync;

[Collection(SyncCollection.Name)]
public sealed class ForceSyncTests(PollingSyncFixture fixture) : IDisposable
{
    private readonly HttpClient _admin = fixture.CreateClient("exams.view", "exams.edit");

    [Theory]
    [InlineData("", "type")]
    [InlineData("?type=", "type")]
    [InlineData("?type=contacts", "type")]
    [InlineData("?type=bookings", "examId")]
    [InlineData("?type=bookings&examId=abc", "examId")]
    [InlineData("?type=exams&examId=123", "examId")]
    public async Task ForceSync_BadParameters_Is400NamingTheParameter(string query, string parameter)
    {
        var response = await _admin.PostAsync($"/api/admin/sync/force-supabase{query}", null, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Equal([parameter], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task ForceSync_WithoutExamsEdit_Is403()
    {
        using var viewer = fixture.CreateClient("exams.view", "bookings.manage");

        var response = await viewer.PostAsync("/api/admin/sync/force-supabase?type=exams", null, Token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task ForceSync_WithoutToken_Is401()
    {
        using var anonymous = fixture.Api.CreateClient();

        var response = await anonymous.PostAsync("/api/admin/sync/force-supabase?type=exams", null, Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ForceSync_UnknownExam_Is404()
    {
        var response = await _admin.PostAsync("/api/admin/sync/force-supabase?type=bookings&examId=987654321098", null, Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ForceSync_BookingsOfExam_RestoresRowsTheReplicaLost()
    {
        var examId = await CreateAsync(fixture.Sandbox, ExamType, NewExam("Force synced"));
        var bookingId = await CreateAsync(fixture.Sandbox, BookingType, NewBooking(examId),
            [new { to = new { id = examId }, types = new[] { new { associationCategory = "USER_DEFINED", associationTypeId = 101 } } }]);
        await EventuallyAsync(async () => await ScalarAsync<long>(fixture.Database.DataSource,
            "select count(*) from public.hubspot_bookings where hubspot_id = $1", bookingId) == 1, TimeSpan.FromSeconds(30), "polling copied the booking");
        await ExecuteAsync(fixture.Database.DataSource, "delete from public.hubspot_bookings where hubspot_id = $1", bookingId);

        var response = await _admin.PostAsync($"/api/admin/sync/force-supabase?type=bookings&examId={examId}", null, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.True(body.GetProperty("success").GetBoolean());
        Assert.Equal("Synced 1 bookings", body.GetProperty("message").GetString());
        Assert.Equal(1, await ScalarAsync<long>(fixture.Database.DataSource,
            "select count(*) from public.hubspot_bookings where hubspot_id = $1 and deleted_at is null", bookingId));
    }

    [Fact]
    public async Task ForceSync_Exams_SyncsEveryLiveExam()
    {
        var live = (await DumpAsync(fixture.Sandbox, ExamType)).Count(e => !e.Value.Archived);

        var response = await _admin.PostAsync("/api/admin/sync/force-supabase?type=exams", null, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Equal(live, body.GetProperty("synced").GetInt32());
        Assert.Equal($"Synced {live} exams", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task SyncStatus_WithoutExamsView_Is403()
    {
        using var booker = fixture.CreateClient("bookings.manage");

        var response = await booker.GetAsync("/api/admin/sync/status", Token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task SyncStatus_ReportsEachObjectTypeAndTheWebhookInbox()
    {
        var status = await _admin.GetFromJsonAsync<JsonElement>("/api/admin/sync/status", Token);

        Assert.Equal(["mock_exams", "bookings"], status.GetProperty("object_types").EnumerateArray().Select(t => t.GetProperty("object_type").GetString()));
        Assert.Equal(PollingSyncFixture.IntervalSeconds, status.GetProperty("incremental_interval_seconds").GetInt32());
        Assert.True(status.GetProperty("webhooks").TryGetProperty("pending", out _));
    }

    public void Dispose() => _admin.Dispose();
}
