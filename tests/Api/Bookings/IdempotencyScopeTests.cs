using System.Net;
using MockExams.Tests.Fixtures;

namespace MockExams.Tests.Api.Bookings;

/// <summary>Idempotency-Keys belong to one caller and one request: reused at once elsewhere, they never write twice.</summary>
[Collection(ClusterCollection.Name)]
public sealed class IdempotencyScopeTests(ClusterFixture fixture) : IDisposable
{
    private readonly WriteScenario _scenario = new(fixture);

    [Fact]
    public async Task Book_SameKeyOnTwoExamsAtOnce_OneBookingTheOtherIs422()
    {
        var (first, second) = (await _scenario.CreateExamAsync(capacity: 3), await _scenario.CreateExamAsync(capacity: 3));
        var contactId = await _scenario.CreateContactAsync();
        var key = Guid.NewGuid().ToString();

        var answers = await Task.WhenAll(_scenario.BookAsync(first, contactId, key), _scenario.BookAsync(second, contactId, key));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        var refused = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.UnprocessableEntity);
        Assert.Equal("idempotency_key_reused", await WriteScenario.ReasonAsync(refused));
        var booked = (await _scenario.HubSpotBookingsAsync(first)).Count + (await _scenario.HubSpotBookingsAsync(second)).Count;
        Assert.Equal(1, booked);
    }

    [Fact]
    public async Task Book_SameKeyFromTwoCallers_EachGetsItsOwnBooking()
    {
        var examId = await _scenario.CreateExamAsync(capacity: 3);
        var key = Guid.NewGuid().ToString();
        using var otherCaller = fixture.CreateClientAs(Guid.NewGuid().ToString(), "bookings.manage");

        var answers = await Task.WhenAll(
            _scenario.BookAsync(examId, await _scenario.CreateContactAsync(), key),
            _scenario.BookAsync(examId, await _scenario.CreateContactAsync(), key, otherCaller));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        var ids = await Task.WhenAll(answers.Select(async a => (await WriteScenario.BookingOf(a)).GetProperty("booking_id").GetString()));
        Assert.Equal(2, ids.Distinct().Count());
        Assert.Equal(2, (await _scenario.HubSpotBookingsAsync(examId)).Count);
    }

    public void Dispose() => _scenario.Dispose();
}
