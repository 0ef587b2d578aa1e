using System.Diagnostics;
using System.Net;
using System.Text.Json;
using MockExams.Tests.Fixtures;

namespace MockExams.Tests.Grains.Exams;

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

    [Fact]
    public async Task Bookings_ManyReadersOfOneExam_EveryReadStartedAfterABookingWasAnsweredSeesIt()
    {
        const int Readers = 24;
        const int Bookings = 6;
        using var scenario = new WriteScenario(fixture);
        var examId = await scenario.CreateExamAsync(capacity: Bookings);
        var contacts = new List<string>();
        for (var i = 0; i < Bookings; i++)
        {
            contacts.Add(await scenario.CreateContactAsync());
        }

        var clock = Stopwatch.StartNew();
        var answered = new long[Bookings + 1];   // answered[n]: when the n-th booking's 201 arrived (clock ticks)
        Array.Fill(answered, long.MaxValue);
        answered[0] = 0;
        var seen = new System.Collections.Concurrent.ConcurrentBag<(long Started, int Count)>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        using var reader = fixture.CreateClient("exams.view");
        var readers = Enumerable.Range(0, Readers).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var started = clock.ElapsedTicks;
                var body = await reader.GetStringAsync($"/api/mock-exams/{examId}/bookings", Cancel);
                seen.Add((started, BookingCount(body)));
            }
        }, Cancel)).ToList();

        for (var n = 1; n <= Bookings; n++)
        {
            Assert.Equal(HttpStatusCode.Created, (await scenario.BookAsync(examId, contacts[n - 1])).StatusCode);
            var at = clock.ElapsedTicks;
            Volatile.Write(ref answered[n], at);
            // Reads keep running across each answer: go on once as many reads as there are readers began after it.
            await WaitUntilAsync(() => seen.Count(read => read.Started > at) >= Readers);
        }

        await stop.CancelAsync();
        await Task.WhenAll(readers);

        // A read started after the n-th booking was answered must show at least n bookings.
        var stale = seen.Where(read => read.Count < answered.Count(at => at <= read.Started) - 1).ToList();
        Assert.True(seen.Count > Readers * Bookings, $"only {seen.Count} reads ran");
        Assert.True(stale.Count == 0, $"{stale.Count} of {seen.Count} reads missed a booking answered before they started");
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
