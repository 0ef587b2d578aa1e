using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MockExams.Tests.Fixtures;

namespace MockExams.Tests.Grains.Exams;

/// <summary>Booking through the api, two silos and the HubSpot sandbox: outcomes, counts in HubSpot and the replica.</summary>
[Collection(ClusterCollection.Name)]
public sealed class BookingWriteTests(ClusterFixture fixture) : IDisposable
{
    private readonly WriteScenario _scenario = new(fixture);

    private static CancellationToken Token => WriteScenario.Token;

    [Fact]
    public async Task Book_TwoStudentsRaceForTheLastSeat_ExactlyOneIsBooked()
    {
        var examId = await _scenario.CreateExamAsync(capacity: 1);
        var (first, second) = (await _scenario.CreateContactAsync(), await _scenario.CreateContactAsync());
        await using var otherApi = fixture.StartAnotherApi();
        using var otherClient = ClusterFixture.CreateClient(otherApi, "bookings.manage");

        var responses = await Task.WhenAll(_scenario.BookAsync(examId, first), _scenario.BookAsync(examId, second, client: otherClient));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        var loser = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Conflict);
        Assert.Equal("exam_full", await WriteScenario.ReasonAsync(loser));
        Assert.Equal(1, await _scenario.ReplicaActiveBookingsAsync(examId));
        Assert.Equal(1, await _scenario.ReplicaTotalBookingsAsync(examId));
        Assert.Single(await _scenario.HubSpotBookingsAsync(examId));
    }

    [Fact]
    public async Task Book_Accepted_Is201WithTheBookingAsHubSpotHoldsIt()
    {
        var examId = await _scenario.CreateExamAsync(capacity: 3);
        var contactId = await _scenario.CreateContactAsync();

        var response = await _scenario.BookAsync(examId, contactId);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var booking = await WriteScenario.BookingOf(response);
        Assert.Equal(examId, booking.GetProperty("mock_exam_id").GetString());
        Assert.Equal(contactId, booking.GetProperty("contact_id").GetString());
        Assert.Equal("Booked", booking.GetProperty("booking_status").GetString());
        Assert.Equal("true", booking.GetProperty("is_active").GetString());
        var inHubSpot = Assert.Single(await _scenario.HubSpotBookingsAsync(examId));
        Assert.Equal(booking.GetProperty("hubspot_id").GetString(), inHubSpot.GetProperty("id").GetString());
        Assert.Equal(booking.GetProperty("booking_id").GetString(), inHubSpot.GetProperty("properties").GetProperty("booking_id").GetString());
        Assert.Contains(inHubSpot.GetProperty("associations").EnumerateArray(), a => a.GetProperty("toObjectId").GetString() == contactId);
    }

    [Fact]
    public async Task Book_StudentAlreadyBooked_Is409AlreadyBookedAndNothingCreated()
    {
        var examId = await _scenario.CreateExamAsync(capacity: 3);
        var contactId = await _scenario.CreateContactAsync();
        Assert.Equal(HttpStatusCode.Created, (await _scenario.BookAsync(examId, contactId)).StatusCode);

        var again = await _scenario.BookAsync(examId, contactId);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("already_booked", await WriteScenario.ReasonAsync(again));
        Assert.Single(await _scenario.HubSpotBookingsAsync(examId));
    }

    [Fact]
    public async Task Book_InactiveExam_Is409ExamInactive()
    {
        var examId = await _scenario.CreateExamAsync(capacity: 3, active: false);

        var response = await _scenario.BookAsync(examId, await _scenario.CreateContactAsync());

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("exam_inactive", await WriteScenario.ReasonAsync(response));
    }

    [Fact]
    public async Task Book_PastExam_Is409ExamPast()
    {
        var examId = await _scenario.CreateExamAsync(capacity: 3, date: "2020-01-10");

        var response = await _scenario.BookAsync(examId, await _scenario.CreateContactAsync());

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("exam_past", await WriteScenario.ReasonAsync(response));
    }

    [Fact]
    public async Task Book_ArchivedExam_Is409ExamArchived()
    {
        var examId = await _scenario.CreateExamAsync(capacity: 3);
        Assert.Equal(HttpStatusCode.OK, (await _scenario.Api.DeleteAsync($"/api/mock-exams/{examId}", Token)).StatusCode);

        var response = await _scenario.BookAsync(examId, await _scenario.CreateContactAsync());

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("exam_archived", await WriteScenario.ReasonAsync(response));
    }

    [Fact]
    public async Task Book_UnknownExam_Is404()
    {
        var response = await _scenario.BookAsync("777000111222", await _scenario.CreateContactAsync());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("exam_not_found", await WriteScenario.ReasonAsync(response));
    }

    [Theory]
    [InlineData("contact_id", null)]
    [InlineData("mock_exam_id", "")]
    [InlineData("student_email", "not-an-email")]
    [InlineData("dominant_hand", "both")]
    [InlineData("student_name", null)]
    public async Task Book_BadField_Is400NamingTheField(string field, string? value)
    {
        var body = WriteScenario.BookingBody("123", "456");
        body[field] = value;

        var response = await _scenario.Api.PostAsJsonAsync("/api/bookings", body, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task Book_WithoutBookingPermission_Is403()
    {
        using var viewer = fixture.CreateClient("exams.view");

        var response = await _scenario.BookAsync("123", "456", client: viewer);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Book_SameIdempotencyKeyTwice_ReturnsTheFirstAnswerAndCreatesOne()
    {
        var examId = await _scenario.CreateExamAsync(capacity: 3);
        var contactId = await _scenario.CreateContactAsync();
        var key = Guid.NewGuid().ToString();

        var first = await _scenario.BookAsync(examId, contactId, key);
        var retry = await _scenario.BookAsync(examId, contactId, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal((await WriteScenario.BookingOf(first)).GetProperty("booking_id").GetString(),
            (await WriteScenario.BookingOf(retry)).GetProperty("booking_id").GetString());
        Assert.Single(await _scenario.HubSpotBookingsAsync(examId));
        Assert.Equal(1, await _scenario.ReplicaActiveBookingsAsync(examId));
    }

    [Fact]
    public async Task Book_SameIdempotencyKeyConcurrently_OneBookingBothAnsweredWithIt()
    {
        var examId = await _scenario.CreateExamAsync(capacity: 3);
        var contactId = await _scenario.CreateContactAsync();
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(_scenario.BookAsync(examId, contactId, key), _scenario.BookAsync(examId, contactId, key));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var ids = await Task.WhenAll(responses.Select(async r => (await WriteScenario.BookingOf(r)).GetProperty("booking_id").GetString()));
        Assert.Single(ids.Distinct());
        Assert.Single(await _scenario.HubSpotBookingsAsync(examId));
    }

    [Fact]
    public async Task Book_SameIdempotencyKeyOtherBody_Is422()
    {
        var examId = await _scenario.CreateExamAsync(capacity: 3);
        var key = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.Created, (await _scenario.BookAsync(examId, await _scenario.CreateContactAsync(), key)).StatusCode);

        var other = await _scenario.BookAsync(examId, await _scenario.CreateContactAsync(), key);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal("idempotency_key_reused", await WriteScenario.ReasonAsync(other));
        Assert.Single(await _scenario.HubSpotBookingsAsync(examId));
    }

    [Fact]
    public async Task Book_ThenReadFromAnotherApi_SeesTheBookingAtOnce()
    {
        var examId = await _scenario.CreateExamAsync(capacity: 3);
        await using var otherApi = fixture.StartAnotherApi();
        using var reader = ClusterFixture.CreateClient(otherApi, "exams.view");
        var before = await reader.GetFromJsonAsync<JsonElement>($"/api/mock-exams/{examId}", Token);   // fills the cache

        var booked = await _scenario.BookAsync(examId, await _scenario.CreateContactAsync());
        var after = await reader.GetFromJsonAsync<JsonElement>($"/api/mock-exams/{examId}", Token);

        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        Assert.Equal(0, before.GetProperty("exam").GetProperty("total_bookings").GetInt32());
        Assert.Equal(1, after.GetProperty("exam").GetProperty("total_bookings").GetInt32());
    }

    [Fact]
    public async Task Cancel_ActiveBooking_FreesTheSeatEverywhere()
    {
        var examId = await _scenario.CreateExamAsync(capacity: 1);
        var booked = await WriteScenario.BookingOf(await _scenario.BookAsync(examId, await _scenario.CreateContactAsync()));
        var bookingId = booked.GetProperty("booking_id").GetString();

        var cancelled = await _scenario.Api.PostAsync($"/api/bookings/{bookingId}/cancel", null, Token);
        var again = await _scenario.Api.PostAsync($"/api/bookings/{bookingId}/cancel", null, Token);
        var next = await _scenario.BookAsync(examId, await _scenario.CreateContactAsync());

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var booking = await WriteScenario.BookingOf(cancelled);
        Assert.Equal("Cancelled", booking.GetProperty("booking_status").GetString());
        Assert.Equal("false", booking.GetProperty("is_active").GetString());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("already_cancelled", await WriteScenario.ReasonAsync(again));
        Assert.Equal(HttpStatusCode.Created, next.StatusCode);
        Assert.Equal(1, await _scenario.ReplicaActiveBookingsAsync(examId));
        Assert.Equal(1, (await _scenario.HubSpotBookingsAsync(examId)).Count(WriteScenario.IsActive));
    }

    [Fact]
    public async Task Cancel_UnknownBooking_Is404()
    {
        var response = await _scenario.Api.PostAsync("/api/bookings/no-such-booking/cancel", null, Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("booking_not_found", await WriteScenario.ReasonAsync(response));
    }

    [Fact]
    public async Task BatchCancel_AcrossExams_ResultPerBooking()
    {
        var (examA, examB) = (await _scenario.CreateExamAsync(capacity: 5), await _scenario.CreateExamAsync(capacity: 5));
        List<string> ids = [];
        foreach (var exam in new[] { examA, examA, examB })
        {
            var booking = await WriteScenario.BookingOf(await _scenario.BookAsync(exam, await _scenario.CreateContactAsync()));
            ids.Add(booking.GetProperty("booking_id").GetString()!);
        }

        var response = await _scenario.Api.PostAsJsonAsync("/api/bookings/batch-cancel", new { booking_ids = ids.Append("nope") }, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Equal(3, body.GetProperty("cancelled").GetInt32());
        Assert.Equal(["cancelled", "cancelled", "cancelled", "rejected"],
            body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("status").GetString()));
        Assert.Equal(0, await _scenario.ReplicaActiveBookingsAsync(examA));
        Assert.Equal(0, await _scenario.ReplicaActiveBookingsAsync(examB));
    }

    [Fact]
    public async Task BatchCancel_MoreThan500_Is400NamingBookingIds()
    {
        var response = await _scenario.Api.PostAsJsonAsync("/api/bookings/batch-cancel",
            new { booking_ids = Enumerable.Range(0, 501).Select(i => $"b{i}") }, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.True(problem.GetProperty("errors").TryGetProperty("booking_ids", out _));
    }

    public void Dispose() => _scenario.Dispose();
}
