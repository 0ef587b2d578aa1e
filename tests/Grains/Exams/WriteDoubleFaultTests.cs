using System.Net;
using System.Text.Json;
using MockExams.Grains.HubSpot;
using MockExams.Tests.Fixtures;
using MockExams.Tests.Grains.Exams.Fixtures;

namespace MockExams.Tests.Grains.Exams;

/// <summary>
/// Two faults at once: HubSpot carries a booking create out but its answer is lost, and the budget then refuses the
/// look-up by booking_id that would tell. The seat must stay held until a look-up answers, whatever comes meanwhile.
/// </summary>
public sealed class WriteDoubleFaultTests(GatedBudgetClusterFixture fixture) : IClassFixture<GatedBudgetClusterFixture>, IDisposable
{
    private readonly WriteScenario _scenario = new(fixture);

    [Fact]
    public async Task Book_CreateTimesOutAndBudgetRefusesItsLookUp_SeatStaysHeldUntilHubSpotAnswers()
    {
        var examId = await _scenario.CreateExamAsync(capacity: 1);
        var (first, second) = (await _scenario.CreateContactAsync(), await _scenario.CreateContactAsync());
        var firstKey = Guid.NewGuid().ToString("N");
        HttpResponseMessage unknown, meanwhile;
        try
        {
            // HubSpot creates the booking and the answer is lost; the governor lets that create through, then refuses.
            fixture.Sandbox.Config.Update(s => s with { TimeoutRate = 1, TimeoutHangMs = 200 });
            fixture.Gate.CloseAfter(grants: 1);
            unknown = await _scenario.BookAsync(examId, first, firstKey);
            fixture.Sandbox.Config.Update(s => s with { TimeoutRate = 0 });

            // User writes get budget again; the look-ups that would settle the first create still do not.
            fixture.Gate.Open(HubSpotLane.UserWrite);
            await Task.Delay(RetryAfterOf(unknown), WriteScenario.Token);   // a well-behaved client waits as told
            meanwhile = await _scenario.BookAsync(examId, second);
            Assert.Single(await _scenario.HubSpotBookingsAsync(examId));   // the held seat was not given away
        }
        finally
        {
            fixture.Sandbox.Config.Update(s => s with { TimeoutRate = 0 });
            fixture.Gate.Open();
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, unknown.StatusCode);
        Assert.Equal("retry_later", await WriteScenario.ReasonAsync(unknown));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, meanwhile.StatusCode);   // not "booked", not "exam full"
        Assert.NotNull(meanwhile.Headers.RetryAfter);
        var created = Assert.Single(await _scenario.HubSpotBookingsAsync(examId));
        await WriteScenario.EventuallyAsync(async () => await _scenario.ReplicaActiveBookingsAsync(examId) == 1,
            "the settle adopts the booking HubSpot holds once the budget answers");

        var retried = await _scenario.BookAsync(examId, first, firstKey);
        var later = await _scenario.BookAsync(examId, second);

        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Equal(BookingIdOf(created), (await WriteScenario.BookingOf(retried)).GetProperty("booking_id").GetString());
        Assert.Equal(HttpStatusCode.Conflict, later.StatusCode);
        Assert.Equal("exam_full", await WriteScenario.ReasonAsync(later));
        Assert.Single(await _scenario.HubSpotBookingsAsync(examId));
        Assert.Equal(1, await _scenario.ReplicaActiveBookingsAsync(examId));
        Assert.Equal(1, await _scenario.ReplicaTotalBookingsAsync(examId));
        await WriteScenario.EventuallyAsync(async () => await _scenario.HubSpotTotalBookingsAsync(examId) == "1",
            "HubSpot's total_bookings catches up");
    }

    private static TimeSpan RetryAfterOf(HttpResponseMessage response) =>
        response.Headers.RetryAfter?.Delta ?? throw new InvalidOperationException($"A {(int)response.StatusCode} without Retry-After.");

    private static string? BookingIdOf(JsonElement hubSpotBooking) =>
        hubSpotBooking.GetProperty("properties").GetProperty("booking_id").GetString();

    public void Dispose() => _scenario.Dispose();
}
