using Microsoft.Extensions.Logging;

namespace MockExams.Grains.HubSpot;

public sealed partial class RedisHubSpotBudget
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning,
        Message = "HubSpot budget paused for {Paused} after a 429 ({PolicyName}) on a {Kind} call")]
    private static partial void LogPaused(ILogger logger, string policyName, HubSpotCallKind kind, TimeSpan paused);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information,
        Message = "HubSpot budget refused a {Lane} {Kind} call: {Why}; retry after {RetryAfter}")]
    private static partial void LogOverBudget(ILogger logger, HubSpotLane lane, HubSpotCallKind kind, string why, TimeSpan retryAfter);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information,
        Message = "HubSpot reports {Remaining} of {Max} calls left in its 10-second window; holding the shared budget for {Hold}")]
    private static partial void LogWindowNearlyFull(ILogger logger, int remaining, int max, TimeSpan hold);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning,
        Message = "The shared HubSpot budget (Redis) is unreachable; user writes spend this process's share (1/{Spenders}) until it answers, sync and backfill wait")]
    private static partial void LogRedisAway(ILogger logger, int spenders, Exception exception);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information,
        Message = "The shared HubSpot budget (Redis) answers again; charging it for the calls granted locally")]
    private static partial void LogRedisBack(ILogger logger);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning,
        Message = "Redis lost the HubSpot budget (epoch {Previous} is gone, now {Current}): the bucket starts empty")]
    private static partial void LogNewRedisEpoch(ILogger logger, string previous, string current);
}
