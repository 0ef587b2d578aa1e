using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MockExams.Grains.HubSpot;
using MockExams.Tests.Fixtures;
using MockExams.Tests.Reads.Fixtures;
using MockExams.Tests.Writes;

namespace MockExams.Tests.Reads;

/// <summary>Reads never call HubSpot, and never wait for a write that is waiting on HubSpot.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ReadHubSpotIsolationTests(ClusterFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reads_EveryEndpointColdWarmAndFailing_MakeNoHubSpotCall()
    {
        var location = ReadRows.NewLocation();
        var examId = await ReadRows.InsertExamWithBookingsAsync(fixture.Database.DataSource, 5, location);
        await ReadRows.InsertExamAsync(fixture.Database.DataSource, location, new DateOnly(2027, 10, 1), active: false);
        using var client = fixture.CreateClient("exams.view");
        string[] paths =
        [
            $"/api/mock-exams/{examId}", $"/api/mock-exams/{examId}/bookings", $"/api/mock-exams/{examId}/bookings?status=active",
            $"/api/mock-exams/{examId}/bookings?status=cancelled", $"/api/mock-exams?location={location}",
            $"/api/mock-exams?location={location}&is_active=false&page_size=1", $"/api/mock-exams/aggregates?location={location}",
            "/api/mock-exams/999000333", "/api/mock-exams/999000333/bookings", "/api/mock-exams?page_size=500",
        ];
        var before = await TotalHubSpotCallsAsync();

        foreach (var _ in new[] { "cold", "warm" })
        {
            foreach (var path in paths)
            {
                Assert.NotEqual(HttpStatusCode.InternalServerError, (await client.GetAsync(path, Cancel)).StatusCode);
            }
        }

        await fixture.InvalidateLikeTheWritePathAsync(examId);
        foreach (var path in paths)
        {
            await client.GetAsync(path, Cancel);
        }

        Assert.Equal(before, await TotalHubSpotCallsAsync());
    }

    [Fact]
    public async Task Bookings_ReadWhileABookingWaitsOnHubSpot_AnswersAtOnceThenSeesTheBooking()
    {
        using var scenario = new WriteScenario(fixture);
        var examId = await scenario.CreateExamAsync(capacity: 5);
        var contactId = await scenario.CreateContactAsync();
        using var reader = fixture.CreateClient("exams.view");
        Assert.Equal(0, BookingCount(await reader.GetStringAsync($"/api/mock-exams/{examId}/bookings", Cancel)));
        using var hubSpotCallsStarted = new HubSpotCallsGranted();
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

    private async Task<long> TotalHubSpotCallsAsync()
    {
        using var sandbox = fixture.Sandbox.CreateClient();
        var stats = await sandbox.GetFromJsonAsync<JsonElement>("/__sandbox/stats", Cancel);
        return stats.GetProperty("totalCalls").GetInt64();
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

    /// <summary>HubSpot calls the budget governor let through (each is about to be sent), in this process.</summary>
    private sealed class HubSpotCallsGranted : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _count;

        public HubSpotCallsGranted()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == HubSpotMetrics.MeterName && instrument.Name == "mockexams.hubspot.budget.granted")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _count, value));
            _listener.Start();
        }

        public long Count => Interlocked.Read(ref _count);

        public void Dispose() => _listener.Dispose();
    }
}
