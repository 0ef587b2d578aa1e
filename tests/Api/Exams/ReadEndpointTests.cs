using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MockExams.Tests.Fixtures;

namespace MockExams.Tests.Api.Exams;

/// <summary>The read endpoints' answers: the seed's envelopes, the replica's columns, filters, paging and sorting.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ReadEndpointTests(ClusterFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/api/mock-exams")]
    [InlineData("/api/mock-exams/aggregates")]
    [InlineData("/api/mock-exams/123/bookings")]
    public async Task Read_WithOnlyBookingPermission_Is403(string path)
    {
        using var client = fixture.CreateClient("bookings.manage");

        var response = await client.GetAsync(path, Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/mock-exams")]
    [InlineData("/api/mock-exams/aggregates")]
    [InlineData("/api/mock-exams/123/bookings")]
    public async Task Read_WithoutToken_Is401(string path)
    {
        using var client = fixture.Api.CreateClient();

        var response = await client.GetAsync(path, Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task List_ByLocation_SortsByDateThenStartTimeAndLeavesOutSoftDeleted()
    {
        var location = ReadRows.NewLocation();
        var db = fixture.Database.DataSource;
        var late = await ReadRows.InsertExamAsync(db, location, new DateOnly(2027, 5, 2), startTime: "08:00");
        var earlyAfternoon = await ReadRows.InsertExamAsync(db, location, new DateOnly(2027, 5, 1), startTime: "13:00");
        var earlyMorning = await ReadRows.InsertExamAsync(db, location, new DateOnly(2027, 5, 1), startTime: "09:00");
        await ReadRows.InsertExamAsync(db, location, new DateOnly(2027, 4, 1), deleted: true);
        using var client = fixture.CreateClient("exams.view");

        var body = await client.GetFromJsonAsync<JsonElement>($"/api/mock-exams?location={location}", Cancel);

        Assert.True(body.GetProperty("success").GetBoolean());
        Assert.Equal([earlyMorning, earlyAfternoon, late], Ids(body, "exams"));
        Assert.Equal(3, body.GetProperty("total").GetInt32());
        Assert.Equal(1, body.GetProperty("page").GetInt32());
        Assert.Equal(50, body.GetProperty("page_size").GetInt32());
        Assert.Equal(1, body.GetProperty("total_pages").GetInt32());
        var first = body.GetProperty("exams")[0];
        Assert.Equal("2027-05-01", first.GetProperty("exam_date").GetString());
        Assert.Equal(location, first.GetProperty("location").GetString());
        Assert.Equal("true", first.GetProperty("is_active").GetString());
    }

    [Fact]
    public async Task List_EachFilter_KeepsOnlyMatchingExams()
    {
        var location = ReadRows.NewLocation();
        var db = fixture.Database.DataSource;
        var march = await ReadRows.InsertExamAsync(db, location, new DateOnly(2027, 3, 1), mockType: "Clinical Skills");
        var april = await ReadRows.InsertExamAsync(db, location, new DateOnly(2027, 4, 1));
        var aprilInactive = await ReadRows.InsertExamAsync(db, location, new DateOnly(2027, 4, 15), active: false);
        var may = await ReadRows.InsertExamAsync(db, location, new DateOnly(2027, 5, 1));
        using var client = fixture.CreateClient("exams.view");

        async Task<string[]> ListAsync(string query) =>
            Ids(await client.GetFromJsonAsync<JsonElement>($"/api/mock-exams?location={location}&{query}", Cancel), "exams");

        Assert.Equal([april, may], await ListAsync("is_active=true&mock_type=Situational%20Judgment"));
        Assert.Equal([aprilInactive], await ListAsync("is_active=false"));
        Assert.Equal([april, aprilInactive], await ListAsync("startDate=2027-04-01&endDate=2027-04-30"));
        Assert.Equal([march], await ListAsync("mock_type=Clinical%20Skills"));
        Assert.Equal([march, april, aprilInactive], await ListAsync("endDate=2027-04-15"));
        Assert.Equal([may], await ListAsync("startDate=2027-04-16"));
        Assert.Empty(await ListAsync("mock_type=clinical%20skills"));
    }

    [Fact]
    public async Task List_Paged_ReturnsTheRequestedSliceAndTheTotal()
    {
        var location = ReadRows.NewLocation();
        var ids = new List<string>();
        for (var day = 1; day <= 5; day++)
        {
            ids.Add(await ReadRows.InsertExamAsync(fixture.Database.DataSource, location, new DateOnly(2027, 6, day)));
        }

        using var client = fixture.CreateClient("exams.view");

        var body = await client.GetFromJsonAsync<JsonElement>($"/api/mock-exams?location={location}&page=2&page_size=2", Cancel);
        var beyond = await client.GetFromJsonAsync<JsonElement>($"/api/mock-exams?location={location}&page=4&page_size=2", Cancel);

        Assert.Equal(ids[2..4], Ids(body, "exams"));
        Assert.Equal(5, body.GetProperty("total").GetInt32());
        Assert.Equal(3, body.GetProperty("total_pages").GetInt32());
        Assert.Equal(2, body.GetProperty("page").GetInt32());
        Assert.Equal(2, body.GetProperty("page_size").GetInt32());
        Assert.Empty(Ids(beyond, "exams"));
        Assert.Equal(5, beyond.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Bookings_OfExam_ReturnsSeedEnvelopeOldestFirstWithoutSoftDeleted()
    {
        var db = fixture.Database.DataSource;
        var examId = await ReadRows.InsertExamAsync(db, ReadRows.NewLocation());
        var second = await ReadRows.InsertBookingAsync(db, examId, minute: 2);
        var first = await ReadRows.InsertBookingAsync(db, examId, minute: 1);
        var cancelled = await ReadRows.InsertBookingAsync(db, examId, minute: 3, active: false);
        await ReadRows.InsertBookingAsync(db, examId, minute: 4, deleted: true);
        await ReadRows.InsertBookingAsync(db, await ReadRows.InsertExamAsync(db, ReadRows.NewLocation()), minute: 0);
        using var client = fixture.CreateClient("exams.view");

        var body = await client.GetFromJsonAsync<JsonElement>($"/api/mock-exams/{examId}/bookings", Cancel);

        Assert.True(body.GetProperty("success").GetBoolean());
        Assert.Equal([first, second, cancelled], Ids(body, "bookings"));
        var booking = body.GetProperty("bookings")[0];
        Assert.Equal(examId, booking.GetProperty("mock_exam_id").GetString());
        Assert.Equal("Booked", booking.GetProperty("booking_status").GetString());
        Assert.Equal("true", booking.GetProperty("is_active").GetString());
        Assert.Equal($"s{first}@example.com", booking.GetProperty("student_email").GetString());
        Assert.Equal("2027-03-14", booking.GetProperty("exam_date").GetString());
    }

    [Theory]
    [InlineData("active", new[] { 0, 1 })]
    [InlineData("ACTIVE", new[] { 0, 1 })]
    [InlineData("cancelled", new[] { 2 })]
    [InlineData("all", new[] { 0, 1, 2 })]
    [InlineData("", new[] { 0, 1, 2 })]
    public async Task Bookings_ByStatus_KeepsOnlyThatStatus(string status, int[] expected)
    {
        var db = fixture.Database.DataSource;
        var examId = await ReadRows.InsertExamAsync(db, ReadRows.NewLocation());
        string[] bookings =
        [
            await ReadRows.InsertBookingAsync(db, examId, minute: 1),
            await ReadRows.InsertBookingAsync(db, examId, minute: 2),
            await ReadRows.InsertBookingAsync(db, examId, minute: 3, active: false),
        ];
        using var client = fixture.CreateClient("exams.view");

        var body = await client.GetFromJsonAsync<JsonElement>($"/api/mock-exams/{examId}/bookings?status={status}", Cancel);

        Assert.Equal(expected.Select(i => bookings[i]), Ids(body, "bookings"));
    }

    [Fact]
    public async Task Bookings_ExamWithoutBookings_ReturnsEmptyList()
    {
        var examId = await ReadRows.InsertExamAsync(fixture.Database.DataSource, ReadRows.NewLocation());
        using var client = fixture.CreateClient("exams.view");

        var body = await client.GetStringAsync($"/api/mock-exams/{examId}/bookings", Cancel);

        Assert.Equal("""{"success":true,"bookings":[],"page":1,"page_size":50,"total":0,"total_pages":0}""", body);
    }

    [Fact]
    public async Task Bookings_UnknownExam_Is404ProblemDetails()
    {
        using var client = fixture.CreateClient("exams.view");

        var response = await client.GetAsync("/api/mock-exams/999000222/bookings", Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("Mock exam not found", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Bookings_SoftDeletedExam_Is404()
    {
        var db = fixture.Database.DataSource;
        var examId = await ReadRows.InsertExamAsync(db, ReadRows.NewLocation(), deleted: true);
        await ReadRows.InsertBookingAsync(db, examId, minute: 1);
        using var client = fixture.CreateClient("exams.view");

        var response = await client.GetAsync($"/api/mock-exams/{examId}/bookings", Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Aggregates_GroupByDateLocationAndType_SumCapacityBookedSeatsLeftAndUtilisation()
    {
        var location = ReadRows.NewLocation();
        var db = fixture.Database.DataSource;
        var day = new DateOnly(2027, 7, 1);
        await ReadRows.InsertExamAsync(db, location, day, capacity: 20, totalBookings: 5);
        await ReadRows.InsertExamAsync(db, location, day, capacity: 10, totalBookings: 10, startTime: "13:00");
        await ReadRows.InsertExamAsync(db, location, day, mockType: "Clinical Skills", capacity: 8, totalBookings: 2);
        await ReadRows.InsertExamAsync(db, location, day.AddDays(1), capacity: 4, totalBookings: 6);
        await ReadRows.InsertExamAsync(db, location, day, capacity: 50, totalBookings: 1, deleted: true);
        using var client = fixture.CreateClient("exams.view");

        var body = await client.GetFromJsonAsync<JsonElement>($"/api/mock-exams/aggregates?location={location}", Cancel);

        Assert.True(body.GetProperty("success").GetBoolean());
        var rows = body.GetProperty("aggregates").EnumerateArray().Select(row => (
            Date: row.GetProperty("exam_date").GetString(), Type: row.GetProperty("mock_type").GetString(),
            Exams: row.GetProperty("exams").GetInt32(), Capacity: row.GetProperty("capacity").GetInt32(),
            Booked: row.GetProperty("booked").GetInt32(), SeatsLeft: row.GetProperty("seats_left").GetInt32(),
            Utilisation: row.GetProperty("utilisation").GetDecimal())).ToList();
        Assert.Equal(
            [
                ("2027-07-01", "Clinical Skills", 1, 8, 2, 6, 0.25m),
                ("2027-07-01", "Situational Judgment", 2, 30, 15, 15, 0.5m),
                ("2027-07-02", "Situational Judgment", 1, 4, 6, 0, 1.5m),
            ],
            rows);
        Assert.All(body.GetProperty("aggregates").EnumerateArray(), row => Assert.Equal(location, row.GetProperty("location").GetString()));
        var totals = body.GetProperty("totals");
        Assert.Equal(4, totals.GetProperty("exams").GetInt32());
        Assert.Equal(42, totals.GetProperty("capacity").GetInt32());
        Assert.Equal(23, totals.GetProperty("booked").GetInt32());
        Assert.Equal(21, totals.GetProperty("seats_left").GetInt32());
        Assert.Equal(0.5476m, totals.GetProperty("utilisation").GetDecimal());
    }

    [Fact]
    public async Task Aggregates_NothingMatches_ReturnsEmptyGroupsAndZeroTotals()
    {
        using var client = fixture.CreateClient("exams.view");

        var body = await client.GetFromJsonAsync<JsonElement>($"/api/mock-exams/aggregates?location={ReadRows.NewLocation()}", Cancel);

        Assert.Empty(body.GetProperty("aggregates").EnumerateArray());
        Assert.Equal(0, body.GetProperty("totals").GetProperty("capacity").GetInt32());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("totals").GetProperty("utilisation").ValueKind);
    }

    private static string[] Ids(JsonElement body, string list) =>
        [.. body.GetProperty(list).EnumerateArray().Select(row => row.GetProperty("hubspot_id").GetString()!)];
}
