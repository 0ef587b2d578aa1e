using System.Net.Http.Json;
using MockExams.Sandbox.Configuration;
using MockExams.Tests.Fixtures;

namespace MockExams.Tests.Grains.Sync;

/// <summary>
/// A cluster whose sync polls HubSpot every <see cref="IntervalSeconds"/> s against a sandbox whose search lags by
/// <see cref="SearchLagMs"/>; the sandbox holds data before the silos start, so they backfill the empty replica.
/// </summary>
public sealed class PollingSyncFixture() : ClusterFixture(
    new Dictionary<string, string?>
    {
        ["Sync:Enabled"] = "true",
        ["Sync:AutoBackfill"] = "true",
        ["Sync:IncrementalSeconds"] = IntervalSeconds.ToString(),
        ["Sync:OverlapSeconds"] = "4",
        ["HubSpot:WebhookSecret"] = SyncTestKit.WebhookSecret,
    },
    new SandboxSettings { LatencyMs = 20, SearchLagMs = SearchLagMs })
{
    public const int IntervalSeconds = 2;
    public const int SearchLagMs = 1_000;
    public const int SeededExams = 12;
    public const int SeededBookingsPerExam = 6;

    protected override async Task BeforeSilosStartAsync()
    {
        using var sandbox = Sandbox.CreateClient();
        var seeded = await sandbox.PostAsJsonAsync("/__sandbox/seed",
            new { exams = SeededExams, bookingsPerExam = SeededBookingsPerExam, randomSeed = 7 });
        seeded.EnsureSuccessStatusCode();
    }
}
