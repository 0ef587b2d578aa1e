using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MockExams.Tests.Fixtures;

namespace MockExams.Tests.Api.Auth;

/// <summary>
/// Student tokens (app_metadata.hubspot_contact_id): exams and seats, and only their own bookings, to book, cancel,
/// read and list; nothing of another student in any answer. Staff tokens keep their permissions.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class StudentScopeTests(ClusterFixture fixture) : IDisposable
{
    private readonly WriteScenario _scenario = new(fixture);

    private static CancellationToken Token => WriteScenario.Token;

    [Fact]
    public async Task Student_BooksWithoutContactId_TheBookingIsItsOwn()
    {
        var examId = await _scenario.CreateExamAsync(capacity: 3);
        var me = await _scenario.CreateContactAsync();
        using var student = fixture.CreateStudentClient(me);
        var body = WriteScenario.BookingBody(examId, me);
        body.Remove("contact_id");

        var response = await student.PostAsJsonAsync("/api/bookings", body, Token);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(me, (await WriteScenario.BookingOf(response)).GetProperty("contact_id").GetString());
    }

    [Fact]
    public async Task Student_BooksForAnotherContact_Is403AndNothingIsBooked()
    {
        var examId = await _scenario.CreateExamAsync(capacity: 3);
        using var student = fixture.CreateStudentClient(await _scenario.CreateContactAsync());

        var response = await student.PostAsJsonAsync("/api/bookings", WriteScenario.BookingBody(examId, await _scenario.CreateContactAsync()), Token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await _scenario.ReplicaActiveBookingsAsync(examId));
    }

    [Fact]
    public async Task Student_AnotherStudentsBooking_CannotBeSeenCancelledOrListed()
    {
        var examId = await _scenario.CreateExamAsync(capacity: 5);
        var (me, other) = (await _scenario.CreateContactAsync(), await _scenario.CreateContactAsync());
        var mine = await WriteScenario.BookingOf(await _scenario.BookAsync(examId, me));
        var theirs = await WriteScenario.BookingOf(await _scenario.BookAsync(examId, other));
        var theirId = theirs.GetProperty("booking_id").GetString();
        using var student = fixture.CreateStudentClient(me);

        var read = await student.GetAsync($"/api/bookings/{theirId}", Token);
        var readByHubSpotId = await student.GetAsync($"/api/bookings/{theirs.GetProperty("hubspot_id").GetString()}", Token);
        var cancel = await student.PostAsync($"/api/bookings/{theirId}/cancel", null, Token);
        var batch = await student.PostAsJsonAsync("/api/bookings/batch-cancel", new { booking_ids = new[] { theirId } }, Token);
        var examBookings = await student.GetAsync($"/api/mock-exams/{examId}/bookings", Token);
        var othersList = await student.GetAsync($"/api/bookings?contact_id={other}", Token);
        var myList = await student.GetStringAsync("/api/bookings", Token);

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, readByHubSpotId.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, cancel.StatusCode);
        var result = (await batch.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("results")[0];
        Assert.Equal("rejected", result.GetProperty("status").GetString());
        Assert.Equal("booking_not_found", result.GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, examBookings.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, othersList.StatusCode);
        Assert.Contains(mine.GetProperty("booking_id").GetString()!, myList);
        Assert.DoesNotContain(other, myList);
        Assert.DoesNotContain(theirs.GetProperty("student_email").GetString()!, myList);
        Assert.Equal(2, await _scenario.ReplicaActiveBookingsAsync(examId));   // theirs is still booked
        foreach (var answer in new[] { await read.Content.ReadAsStringAsync(Token), await cancel.Content.ReadAsStringAsync(Token) })
        {
            Assert.DoesNotContain(theirs.GetProperty("student_email").GetString()!, answer);
        }
    }

    [Fact]
    public async Task Student_OwnBookings_ReadListedAndCancelled()
    {
        var (first, second) = (await _scenario.CreateExamAsync(capacity: 2), await _scenario.CreateExamAsync(capacity: 2));
        var me = await _scenario.CreateContactAsync();
        using var student = fixture.CreateStudentClient(me);
        var a = (await WriteScenario.BookingOf(await student.PostAsJsonAsync("/api/bookings", WriteScenario.BookingBody(first, me), Token)))
            .GetProperty("booking_id").GetString();
        var b = (await WriteScenario.BookingOf(await student.PostAsJsonAsync("/api/bookings", WriteScenario.BookingBody(second, me), Token)))
            .GetProperty("booking_id").GetString();

        var cancelled = await student.PostAsync($"/api/bookings/{b}/cancel", null, Token);
        var read = await student.GetFromJsonAsync<JsonElement>($"/api/bookings/{a}", Token);
        var list = await student.GetFromJsonAsync<JsonElement>("/api/bookings", Token);

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal(a, read.GetProperty("booking").GetProperty("booking_id").GetString());
        var rows = list.GetProperty("bookings").EnumerateArray().ToList();
        Assert.Equal(new[] { a, b }.Order(), rows.Select(r => r.GetProperty("booking_id").GetString()).Order());
        Assert.Equal("false", rows.Single(r => r.GetProperty("booking_id").GetString() == b).GetProperty("is_active").GetString());
        Assert.All(rows, r => Assert.Equal(me, r.GetProperty("contact_id").GetString()));
    }

    [Fact]
    public async Task Student_ExamsAndSeats_AreVisible()
    {
        var examId = await _scenario.CreateExamAsync(capacity: 7);
        using var student = fixture.CreateStudentClient(await _scenario.CreateContactAsync());

        var exam = (await student.GetFromJsonAsync<JsonElement>($"/api/mock-exams/{examId}", Token)).GetProperty("exam");
        var list = await student.GetAsync("/api/mock-exams", Token);
        var aggregates = await student.GetAsync("/api/mock-exams/aggregates", Token);

        Assert.Equal(7, exam.GetProperty("capacity").GetInt32());
        Assert.Equal(0, exam.GetProperty("total_bookings").GetInt32());
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.OK, aggregates.StatusCode);
    }

    [Fact]
    public async Task Staff_ListsAnyContactsBookings_AndATokenWithNeitherIs403()
    {
        var examId = await _scenario.CreateExamAsync(capacity: 3);
        var contact = await _scenario.CreateContactAsync();
        var booking = await WriteScenario.BookingOf(await _scenario.BookAsync(examId, contact));
        using var nobody = fixture.CreateClient();

        var list = await _scenario.Api.GetFromJsonAsync<JsonElement>($"/api/bookings?contact_id={contact}", Token);
        var withoutContact = await _scenario.Api.GetAsync("/api/bookings", Token);

        Assert.Equal([booking.GetProperty("booking_id").GetString()],
            list.GetProperty("bookings").EnumerateArray().Select(r => r.GetProperty("booking_id").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, withoutContact.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await nobody.GetAsync("/api/mock-exams", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await nobody.GetAsync("/api/bookings", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await nobody.PostAsJsonAsync("/api/bookings", WriteScenario.BookingBody(examId, contact), Token)).StatusCode);
    }

    public void Dispose() => _scenario.Dispose();
}
