using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using MockExams.HubSpot;

namespace MockExams.Grains.HubSpot;

/// <summary>Reads the shared budget's state for operators; it holds nothing, so any silo may answer.</summary>
[StatelessWorker]
public sealed class HubSpotBudgetGrain(IHubSpotBudget budget, IOptions<HubSpotOptions> options) : Grain, IHubSpotBudgetGrain
{
    public async Task<HubSpotBudgetStatus> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var snapshot = await budget.GetSnapshotAsync(cancellationToken);
        var use = await budget.GetRecentUseAsync(cancellationToken);
        return new HubSpotBudgetStatus(
            settings.CallsPerTenSeconds,
            settings.Headroom,
            settings.CallsPerTenSeconds * 6 * settings.Headroom,
            [.. Enum.GetValues<HubSpotLane>().Select(lane =>
                new HubSpotLaneUse(lane.ToString(), use?.GrantedLastMinute.GetValueOrDefault(lane) ?? 0))],
            use?.RateLimitedLastMinute ?? 0,
            use?.RateLimitedToday ?? 0,
            snapshot.DailyUsed,
            settings.DailyLimit,
            snapshot.Tokens,
            snapshot.PausedFor.TotalSeconds,
            use is not null);
    }
}
