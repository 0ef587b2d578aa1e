namespace MockExams.Grains.HubSpot;

/// <summary>
/// The cluster-wide HubSpot budget: every silo, api and CLI process using the same HubSpot token
/// shares it. <see cref="HubSpotClient"/> asks it before every request.
/// </summary>
public interface IHubSpotBudget
{
    /// <summary>
    /// Waits until one call of <paramref name="kind"/> may be sent for <paramref name="lane"/>.
    /// Throws <see cref="HubSpotOverBudgetException"/> (with its RetryAfter) as soon as it is clear
    /// the budget will not come within <paramref name="maxWait"/>; never waits past it.
    /// </summary>
    Task AcquireAsync(HubSpotLane lane, HubSpotCallKind kind, TimeSpan maxWait, CancellationToken cancellationToken = default);

    /// <summary>
    /// HubSpot answered 429: nobody sharing this token may call until the policy's window has
    /// passed (TEN_SECONDLY_ROLLING about 10 s, SECONDLY 1 s, DAILY until the daily reset).
    /// Returns how long the budget is paused.
    /// </summary>
    Task<TimeSpan> PauseAsync(HubSpotCallKind kind, string? policyName, TimeSpan? retryAfter, CancellationToken cancellationToken = default);

    /// <summary>
    /// HubSpot's <c>X-HubSpot-RateLimit-Remaining</c> of <c>-Max</c> after a call: when HubSpot counts
    /// fewer calls left in its window than a compliant stream ever leaves (calls granted apart arrived
    /// together, or someone else spends the same token), hold everyone briefly. Returns the hold.
    /// </summary>
    Task<TimeSpan> ReportWindowRemainingAsync(int remaining, int max, CancellationToken cancellationToken = default);

    /// <summary>The shared bucket's current state, for diagnostics and tests.</summary>
    Task<HubSpotBudgetSnapshot> GetSnapshotAsync(CancellationToken cancellationToken = default);

    /// <summary>Calls per lane and 429s over about the last minute, for operators; null when this governor does not count them.</summary>
    Task<HubSpotRecentUse?> GetRecentUseAsync(CancellationToken cancellationToken = default) => Task.FromResult<HubSpotRecentUse?>(null);
}
