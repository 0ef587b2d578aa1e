using System.Diagnostics;
using System.Net;
using System.Text.Json;
using MockExams.Tests.Fixtures;
using MockExams.Tests.Reads.Fixtures;
using MockExams.Tests.Writes;

namespace MockExams.Tests.Reads;

/// <summary>
/// Reads interleave with the exam's writes: the exam grain is reentrant, so a read never waits for a write that is
/// waiting on HubSpot, and once the write is answered every read sees it.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ReadWriteInterleavingTests(ReadClusterFixture fixture) : IClassFixture<ReadClusterFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Bookings_ReadWhileABookingWaitsOnHubSpot_AnswersAtOnceThenSeesTheBooking()
    {
        using var scenario = new WriteScenario(fixture);
        var examId = await scenario.CreateExamAsync(capacity: 5);
        var contactId = await scenario.CreateContactAsync();
        using var reader = fixture.CreateClient("exams.view");
        Assert.Equal(0, BookingCount(await reader.GetStringAsync($"/api/mock-exams/{examId}/bookings", Cancel)));
        using var hubSpotCallsStarted = SiloCounter.HubSpotCallsStarted(fixture.SiloServices);
        var settings = fixture.Sandbox.Config.Current;

        Task<HttpResponseMessage> booking;
        string during;
        TimeSpan readTook;
        // Every HubSpot call now takes 3 s; the booking's write holds the exam grain's queue meanwhile.
        fixture.Sandbox.Config.Update(current => current with { LatencyMs = 3_000, LatencyJitter = 0 });
        try
        {
            booking = scenario.BookAsync(examId, contactId);
            await WaitUntilAsync(() => hubSpotCallsStarted.Count > 0);

            var stopwatch = Stopwatch.StartNew();
            during = await reader.GetStringAsync($"/api/mock-exams/{examId}/bookings", Cancel);
            readTook = stopwatch.Elapsed;
            Assert.False(booking.IsCompleted);
        }
        finally
        {
            fixture.Sandbox.Config.Replace(settings);
        }

        Assert.Equal(HttpStatusCode.Created, (await booking).StatusCode);
        Assert.Equal(0, BookingCount(during));
        Assert.True(readTook < TimeSpan.FromSeconds(1), $"the read took {readTook}");
        Assert.Equal(1, BookingCount(await reader.GetStringAsync($"/api/mock-exams/{examId}/bookings", Cancel)));
    }

    private static int BookingCount(string body) =>
        JsonDocument.Parse(body).RootElement.GetProperty("bookings").GetArrayLength();

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
