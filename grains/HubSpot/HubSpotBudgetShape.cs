namespace MockExams.Grains.HubSpot;

/// <summary>
/// The token bucket that keeps one HubSpot limit. HubSpot counts calls in a rolling window, and a
/// bucket of burst B refilled at r per second lets through at most B + r·W calls in any window W.
/// We keep B + r·W at our target (limit × headroom), so the headroom (10 calls of 100) is all margin
/// for arrival jitter: calls granted over a little more than 10 s that reach HubSpot within 10 s.
/// </summary>
/// <param name="Capacity">Burst size B, in tokens: the lowest lane's need plus <see cref="Slack"/> (search: 1).</param>
/// <param name="TokensPerSecond">Refill rate r.</param>
public sealed record HubSpotBudgetShape(double Capacity, double TokensPerSecond)
{
    /// <summary>
    /// Tokens between the lowest lane's need and the bucket's capacity. A poller wakes a few ms after the token it
    /// waited for (timer, jitter, the Redis round trip); a bucket already full by then has stopped refilling, so
    /// without slack every such ms is budget lost (5 to 8 % of it at 100 calls/10 s, measured by budgetbench).
    /// </summary>
    public const double Slack = 1;

    /// <summary>Tokens a lane must leave in the bucket for the lanes above it: half a token per lane above.</summary>
    public static double ReserveFor(HubSpotLane lane) => (int)lane * 0.5;

    /// <summary>The 10-second bucket: 100/10 s at 0.9 gives burst 3 and 8.7 per second (at most 90 in any 10 s).</summary>
    public static HubSpotBudgetShape TenSecond(HubSpotOptions options) =>
        For(options.CallsPerTenSeconds, TimeSpan.FromSeconds(10), options.Headroom, 1 + ReserveFor(HubSpotLane.Backfill) + Slack);

    /// <summary>The search bucket: 5/s at 0.9 gives burst 1 and 3.5 per second (at most 4.5 in any second).</summary>
    public static HubSpotBudgetShape Search(HubSpotOptions options) =>
        For(options.SearchPerSecond, TimeSpan.FromSeconds(1), options.Headroom, 1);

    public static HubSpotBudgetShape For(int limit, TimeSpan window, double headroom, double burst)
    {
        var target = limit * headroom;
        // A tiny limit would leave almost nothing after the burst; it then keeps half the target as its rate.
        var perWindow = Math.Max(target - burst, target / 2);
        return new HubSpotBudgetShape(burst, perWindow / window.TotalSeconds);
    }

    /// <summary>
    /// The "HubSpot says its window is nearly full" mark: half the headroom of the limit HubSpot
    /// reports. A stream within our target never gets below it; only compressed arrivals do.
    /// </summary>
    public static double LowRemainingMark(int hubSpotMax, double headroom) => Math.Max(1, hubSpotMax * (1 - headroom) / 2);
}
