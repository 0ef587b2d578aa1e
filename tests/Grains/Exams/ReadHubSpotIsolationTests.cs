using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MockExams.Tests.Fixtures;

namespace MockExams.Tests.Grains.Exams;

/// <summary>Reads never call HubSpot, whatever they find in the cache.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ReadHubSpotIsolationTests(ReadClusterFixture fixture) : IClassFixture<ReadClusterFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reads_EveryEndpointColdWarmAndFailing_MakeNoHubSpotCall()
    {
        var location = ReadRows.NewLocation();
        var examId = await ReadRows.InsertExamWithBookingsAsync(fixture.Database.DataSource, 5, location);
        await ReadRows.InsertExamAsync(fixture.Database.DataSource, location, new DateOnly(2027, 10, 1), active: false);
        var bookingId = await ReadRows.InsertBookingAsync(fixture.Database.DataSource, examId, minute: 99);
        using var client = fixture.CreateClient("exams.view");
        string[] paths =
        [
            $"/api/mock-exams/{examId}", $"/api/mock-exams/{examId}/bookings", $"/api/mock-exams/{examId}/bookings?status=active",
            $"/api/mock-exams/{examId}/bookings?status=cancelled", $"/api/mock-exams?location={location}",
            $"/api/mock-exams?location={location}&is_active=false&page_size=1", $"/api/mock-exams/aggregates?location={location}",
            "/api/mock-exams/999000333", "/api/mock-exams/999000333/bookings", "/api/mock-exams?page_size=500",
            $"/api/mock-exams/{examId}/bookings?page=2&page_size=2", $"/api/bookings/{bookingId}", $"/api/bookings/BK-{bookingId}",
            "/api/bookings/999000444",
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

    private async Task<long> TotalHubSpotCallsAsync()
    {
        using var sandbox = fixture.Sandbox.CreateClient();
        var stats = await sandbox.GetFromJsonAsync<JsonElement>("/__sandbox/stats", Cancel);
        return stats.GetProperty("totalCalls").GetInt64();
    }
}
