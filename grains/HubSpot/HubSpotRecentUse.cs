namespace MockExams.Grains.HubSpot;

/// <summary>Calls granted per lane and 429s over about the last minute, and 429s today, across every process.</summary>
public sealed record HubSpotRecentUse(IReadOnlyDictionary<HubSpotLane, long> GrantedLastMinute, long RateLimitedLastMinute, long RateLimitedToday);
