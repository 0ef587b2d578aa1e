namespace MockExams.Grains.HubSpot;

/// <summary>
/// The token bucket that keeps one HubSpot limit. HubSpot counts calls in a rolling window, and a
/// bucket of burst B refilled at r per second lets through at most B + r·W calls in any window W.
/// We keep that under the midpoint between our target (limit × headroom) and the limit, so
/// arrival jitter at HubSpot cannot turn a compliant stream into a 429.
/// </summary>
/// <param name="Capacity">Burst size B, in tokens (at least 1 plus the largest lane reserve).</param>
/// <param name="TokensPerSecond">Refill rate r.</param>
public sealed record HubSpotBudgetShape(double Capacity, double TokensPerSecond)
{
    /// <summary>Tokens a lane must leave in the bucket for the lanes above it.</summary>
    public static double ReserveFor(HubSpotLane lane) => (int)lane;

    /// <summary>The 10-second bucket: 100/10 s at 0.9 gives burst 5 and 9 per second (at most 95 in any 10 s).</summary>
    public static HubSpotBudgetShape TenSecond(HubSpotOptions options) =>
        For(options.CallsPerTenSeconds, TimeSpan.FromSeconds(10), options.Headroom, 1 + ReserveFor(HubSpotLane.Backfill));

    /// <summary>The search bucket: 5/s at 0.9 gives burst 1 and 3.75 per second (at most 4.75 in any second).</summary>
    public static HubSpotBudgetShape Search(HubSpotOptions options) =>
        For(options.SearchPerSecond, TimeSpan.FromSeconds(1), options.Headroom, 1);

    public static HubSpotBudgetShape For(int limit, TimeSpan window, double headroom, double minimumBurst)
    {
        var ceiling = limit * (1 + headroom) / 2;
        // The epsilon keeps 100 × (1 − 0.9) / 2 at 5, not 4.999…
        var burst = Math.Max(minimumBurst, Math.Floor(limit * (1 - headroom) / 2 + 1e-9));
        var perWindow = Math.Min(limit * headroom, ceiling - burst);
        return new HubSpotBudgetShape(burst, perWindow / window.TotalSeconds);
    }
}
