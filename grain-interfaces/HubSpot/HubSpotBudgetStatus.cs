namespace MockExams.HubSpot;

/// <summary>HubSpot budget use against its limits (<c>GET /api/admin/hubspot/budget</c>).</summary>
/// <param name="CallsPerTenSeconds">HubSpot's rolling 10-second limit for the app.</param>
/// <param name="Headroom">Share of each limit the governor lets through (the rest is margin).</param>
/// <param name="CallsPerMinuteLimit">What the governor lets through in a minute at most: six 10-second windows at the headroom.</param>
/// <param name="Lanes">Calls granted per lane over about the last minute (10-second buckets), every process sharing the token.</param>
/// <param name="RateLimitedLastMinute">429 answers HubSpot gave over about the last minute (should be 0).</param>
/// <param name="RateLimitedToday">429 answers today (the account's day).</param>
/// <param name="DailyUsed">Calls counted against today's limit.</param>
/// <param name="DailyLimit">The account's daily limit.</param>
/// <param name="TokensAvailable">Calls that may be made at once from the 10-second bucket now.</param>
/// <param name="PausedForSeconds">How long the budget stays paused after a 429 (0 when not paused).</param>
/// <param name="Counted">False when the governor in use keeps no per-lane counts (the lane figures are then zero).</param>
[GenerateSerializer, Immutable, Alias("mockexams.HubSpotBudgetStatus")]
public sealed record HubSpotBudgetStatus(
    [property: Id(0)] int CallsPerTenSeconds,
    [property: Id(1)] double Headroom,
    [property: Id(2)] double CallsPerMinuteLimit,
    [property: Id(3)] IReadOnlyList<HubSpotLaneUse> Lanes,
    [property: Id(4)] long RateLimitedLastMinute,
    [property: Id(5)] long RateLimitedToday,
    [property: Id(6)] long DailyUsed,
    [property: Id(7)] long DailyLimit,
    [property: Id(8)] double TokensAvailable,
    [property: Id(9)] double PausedForSeconds,
    [property: Id(10)] bool Counted);
