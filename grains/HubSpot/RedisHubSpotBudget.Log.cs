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
}
