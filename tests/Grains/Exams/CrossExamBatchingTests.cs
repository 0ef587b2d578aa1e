using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MockExams.Tests.Fixtures;

namespace MockExams.Tests.Grains.Exams;

/// <summary>
/// The silo's shared HubSpot batch writer: bookings of many exams decided at once travel in shared batch/create calls,
/// where each exam grain used to send its own.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CrossExamBatchingTests(ClusterFixture fixture)
{
    private const int Exams = 12;

    [Fact]
    public async Task OneBookingOnEachOfManyExams_AtOnce_ShareBatchCreateCalls()
    {
        using var scenario = new WriteScenario(fixture);
        var exams = await Task.WhenAll(Enumerable.Range(0, Exams).Select(_ => scenario.CreateExamAsync(capacity: 3)));
        var contacts = await Task.WhenAll(Enumerable.Range(0, 2 * Exams).Select(_ => scenario.CreateContactAsync()));
        // A first round activates every exam grain and loads its seats, so the measured round is decided at once.
        await BookEachAsync(scenario, exams, contacts[..Exams]);

        var before = await BookingCreateCallsAsync();
        await BookEachAsync(scenario, exams, contacts[Exams..]);
        var calls = await BookingCreateCallsAsync() - before;

        // Each exam alone used to cost one call (12); shared, they fit in one per silo, with slack for a slow host.
        Assert.InRange(calls, 1, Exams / 2);
        foreach (var exam in exams)
        {
            Assert.Equal(2, (await scenario.HubSpotBookingsAsync(exam)).Count(WriteScenario.IsActive));
        }
    }

    [Fact]
    public async Task ManyExamsCreatedAtOnce_ShareBatchCreateCalls()
    {
        using var scenario = new WriteScenario(fixture);
        // A first round warms the creator activations and connections, so the measured round arrives at once.
        await Task.WhenAll(Enumerable.Range(0, Exams).Select(_ => scenario.CreateExamAsync(capacity: 7)));
        var before = await ExamCreateCallsAsync();
        var exams = await Task.WhenAll(Enumerable.Range(0, Exams).Select(_ => scenario.CreateExamAsync(capacity: 7)));
        var calls = await ExamCreateCallsAsync() - before;

        // One POST per exam used to be 12 calls; through the shared writer they share batch/create calls.
        Assert.InRange(calls, 1, Exams / 2);
        Assert.Equal(Exams, exams.Distinct().Count());
        foreach (var exam in exams)
        {
            Assert.Equal("7", (await scenario.HubSpotExamAsync(exam)).GetProperty("properties").GetProperty("capacity").GetString());
        }
    }

    private static async Task BookEachAsync(WriteScenario scenario, string[] exams, string[] contacts)
    {
        var answers = await Task.WhenAll(exams.Select((exam, i) => scenario.BookAsync(exam, contacts[i])));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
    }

    /// <summary>Calls that create mock exams, one by one or in batches (not reads, searches or updates of them).</summary>
    private async Task<long> ExamCreateCallsAsync()
    {
        using var sandbox = new HttpClient { BaseAddress = fixture.Sandbox.BaseUrl };
        var stats = await sandbox.GetFromJsonAsync<JsonElement>("/__sandbox/stats", WriteScenario.Token);
        if (!stats.GetProperty("callsByObjectType").TryGetProperty("mock_exams", out var exams))
        {
            return 0;
        }

        string[] notCreates = ["search", "read", "update", "upsert", "archive", "associations"];
        return exams.EnumerateObject()
            .Where(e => e.Name.StartsWith("POST", StringComparison.Ordinal) && !notCreates.Any(n => e.Name.Contains(n, StringComparison.Ordinal)))
            .Sum(e => e.Value.EnumerateObject().Sum(s => s.Value.GetInt64()));
    }

    private async Task<long> BookingCreateCallsAsync()
    {
        using var sandbox = new HttpClient { BaseAddress = fixture.Sandbox.BaseUrl };
        var stats = await sandbox.GetFromJsonAsync<JsonElement>("/__sandbox/stats", WriteScenario.Token);
        return stats.GetProperty("callsByEndpoint").EnumerateObject()
            .Where(e => e.Name.EndsWith("/batch/create", StringComparison.Ordinal))
            .Sum(e => e.Value.EnumerateObject().Sum(s => s.Value.GetInt64()));
    }
}
