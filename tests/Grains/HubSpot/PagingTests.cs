using MockExams.Grains.HubSpot;

namespace MockExams.Tests.Grains.HubSpot;

/// <summary>Listing and searching 25,000 records returns each exactly once, past search's 10,000-result cap.</summary>
[Collection(SandboxLoad.Collection)]
public sealed class PagingTests
{
    private const int Records = 25_000;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListBookings_25000Records_ReturnsEachExactlyOnce()
    {
        await using var hub = await SandboxedHubSpot.StartAsync(s => s with { CallsPerTenSeconds = 250 });
        hub.SeedBookings(hub.SeedExam(), Records);
        var process = await hub.StartProcessAsync(new() { ["CallsPerTenSeconds"] = "250", ["Headroom"] = "1.0" });

        var listed = await process.Client.ListBookingsAsync(HubSpotLane.Backfill, cancellationToken: Ct).ToListAsync(Ct);

        Assert.Equal(Records, listed.Count);
        Assert.Equal(Records, listed.Select(b => b.Id).Distinct().Count());
        Assert.Equal(Records / 100, hub.Stats.TotalCalls);
        Assert.DoesNotContain(hub.Stats.RateLimitedByPolicy, p => p.Value > 0);
    }

    [Fact]
    public async Task SearchBookingsModifiedSince_25000Records_ReturnsEachExactlyOnce_PastTheCap()
    {
        await using var hub = await SandboxedHubSpot.StartAsync(s => s with { SearchPerSecond = 50 });
        hub.SeedBookings(hub.SeedExam(), Records);   // 500 per store write: 500 records share each timestamp
        var process = await hub.StartProcessAsync(new() { ["SearchPerSecond"] = "50" });

        var found = await process.Client.SearchBookingsModifiedSinceAsync(DateTimeOffset.UnixEpoch, HubSpotLane.Sync, Ct).ToListAsync(Ct);

        Assert.Equal(Records, found.Count);
        Assert.Equal(Records, found.Select(b => b.Id).Distinct().Count());
        Assert.Equal(found.OrderBy(b => b.LastModified).Select(b => b.Id), found.Select(b => b.Id));   // oldest change first
        var stats = hub.Stats;
        Assert.DoesNotContain(stats.CallsByEndpoint.SelectMany(e => e.Value), s => s.Key != "200");   // no 400 from the cap, no 429
        Assert.InRange(stats.SearchCalls, Records / 200, Records / 200 + 5);
    }

    [Fact]
    public async Task SearchBookingsModifiedSince_ALaterWatermark_ReturnsOnlyWhatChangedSince()
    {
        await using var hub = await SandboxedHubSpot.StartAsync(s => s with { SearchPerSecond = 50 });
        var exam = hub.SeedExam();
        hub.SeedBookings(exam, 1_000);
        var process = await hub.StartProcessAsync(new() { ["SearchPerSecond"] = "50" });
        var all = await process.Client.SearchBookingsModifiedSinceAsync(DateTimeOffset.UnixEpoch, HubSpotLane.Sync, Ct).ToListAsync(Ct);
        var watermark = all[600].LastModified;

        var since = await process.Client.SearchBookingsModifiedSinceAsync(watermark, HubSpotLane.Sync, Ct).ToListAsync(Ct);

        Assert.Equal(all.Where(b => b.LastModified >= watermark).Select(b => b.Id), since.Select(b => b.Id));
    }
}
