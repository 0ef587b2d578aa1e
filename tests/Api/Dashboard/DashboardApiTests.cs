using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using MockExams.Tests.Fixtures;

namespace MockExams.Tests.Api.Dashboard;

/// <summary>What the dashboard page reads beyond the existing endpoints: the page itself, /api/me, the HubSpot budget.</summary>
[Collection(ClusterCollection.Name)]
public sealed class DashboardApiTests(ClusterFixture fixture) : IDisposable
{
    private readonly WriteScenario _scenario = new(fixture);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Page_IsServedWithoutATokenAndLoadsNothingFromAnotherHost()
    {
        using var anonymous = fixture.Api.CreateClient();

        var page = await anonymous.GetAsync("/admin", Token);
        var script = await anonymous.GetAsync("/admin/dashboard.js", Token);
        var missing = await anonymous.GetAsync("/admin/nothing.js", Token);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync(Token);
        var loads = Regex.Matches(html, "(?:src|href)=\"([^\"]*)\"").Select(match => match.Groups[1].Value).ToList();
        Assert.Equal(["/admin/dashboard.css", "/admin/dashboard.js"], loads);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Me_ViewerToken_ListsExactlyItsPermissions()
    {
        using var viewer = fixture.CreateClient("exams.view");

        var me = await viewer.GetFromJsonAsync<JsonElement>("/api/me", Token);

        Assert.Equal(["exams.view"], me.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task Budget_AfterABooking_CountsItsHubSpotCallsInTheUserWriteLane()
    {
        var examId = await _scenario.CreateExamAsync(capacity: 2);
        Assert.Equal(HttpStatusCode.Created, (await _scenario.BookAsync(examId, await _scenario.CreateContactAsync())).StatusCode);
        using var viewer = fixture.CreateClient("exams.view");

        var budget = await viewer.GetFromJsonAsync<JsonElement>("/api/admin/hubspot/budget", Token);

        Assert.True(budget.GetProperty("counted").GetBoolean());
        var lanes = budget.GetProperty("lanes").EnumerateArray().ToDictionary(l => l.GetProperty("lane").GetString()!, l => l.GetProperty("calls_last_minute").GetInt64());
        Assert.Equal(["UserWrite", "Sync", "Backfill"], lanes.Keys);
        Assert.True(lanes["UserWrite"] >= 2, $"the exam create and the booking create took budget; counted {lanes["UserWrite"]}");
        Assert.Equal(0, budget.GetProperty("rate_limited_last_minute").GetInt64());
        Assert.Equal(100, budget.GetProperty("calls_per_ten_seconds").GetInt32());
    }

    [Fact]
    public async Task Budget_WithoutExamsView_Is403()
    {
        using var booker = fixture.CreateClient("bookings.manage");

        var response = await booker.GetAsync("/api/admin/hubspot/budget", Token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task ExamFreshness_ANewExam_CarriesTheReplicasSyncTimesAndTheirDifference()
    {
        var examId = await _scenario.CreateExamAsync(capacity: 2);
        var syncedAt = await _scenario.ScalarAsync<DateTime>("select synced_at from public.hubspot_mock_exams where hubspot_id = $1", examId);
        var modifiedAt = await _scenario.ScalarAsync<DateTime>("select hs_last_modified_at from public.hubspot_mock_exams where hubspot_id = $1", examId);
        using var viewer = fixture.CreateClient("exams.view");

        var list = await viewer.GetFromJsonAsync<JsonElement>("/api/admin/sync/exams", Token);

        Assert.True(list.GetProperty("success").GetBoolean());
        var exam = Assert.Single(list.GetProperty("exams").EnumerateArray(), e => e.GetProperty("hubspot_id").GetString() == examId);
        Assert.Equal(new DateTimeOffset(syncedAt, TimeSpan.Zero), exam.GetProperty("synced_at").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(modifiedAt, TimeSpan.Zero), exam.GetProperty("hs_last_modified_at").GetDateTimeOffset());
        Assert.Equal(Math.Max(0, (syncedAt - modifiedAt).TotalSeconds), exam.GetProperty("staleness_seconds").GetDouble(), precision: 6);
    }

    [Fact]
    public async Task BookingFreshness_ABookedExam_CarriesEachBookingsReplicaSyncTimes()
    {
        var examId = await _scenario.CreateExamAsync(capacity: 2);
        var booked = await WriteScenario.BookingOf(await _scenario.BookAsync(examId, await _scenario.CreateContactAsync()));
        var bookingId = booked.GetProperty("booking_id").GetString()!;
        var syncedAt = await _scenario.ScalarAsync<DateTime>("select synced_at from public.hubspot_bookings where booking_id = $1", bookingId);
        using var viewer = fixture.CreateClient("exams.view");

        var list = await viewer.GetFromJsonAsync<JsonElement>($"/api/admin/sync/exams/{examId}/bookings", Token);
        var unknown = await viewer.GetAsync("/api/admin/sync/exams/999999999999/bookings", Token);

        Assert.Equal(examId, list.GetProperty("mock_exam_id").GetString());
        var booking = Assert.Single(list.GetProperty("bookings").EnumerateArray());
        Assert.Equal(bookingId, booking.GetProperty("booking_id").GetString());
        Assert.Equal(new DateTimeOffset(syncedAt, TimeSpan.Zero), booking.GetProperty("synced_at").GetDateTimeOffset());
        Assert.True(booking.GetProperty("staleness_seconds").GetDouble() >= 0);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ExamFreshness_PublicExamRowsStillLeaveSyncedAtOut()
    {
        var examId = await _scenario.CreateExamAsync(capacity: 2);
        using var viewer = fixture.CreateClient("exams.view");

        var exam = await viewer.GetFromJsonAsync<JsonElement>($"/api/mock-exams/{examId}", Token);

        Assert.False(exam.GetProperty("exam").TryGetProperty("synced_at", out _));
    }

    [Fact]
    public async Task ExamFreshness_WithoutExamsView_Is403_AndWithoutAToken_401()
    {
        using var booker = fixture.CreateClient("bookings.manage");
        using var anonymous = fixture.Api.CreateClient();

        var refused = await booker.GetAsync("/api/admin/sync/exams", Token);
        var unauthenticated = await anonymous.GetAsync("/api/admin/sync/exams", Token);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
    }

    public void Dispose() => _scenario.Dispose();
}
