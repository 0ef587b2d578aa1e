using Microsoft.Extensions.Logging;

namespace MockExams.Grains.Cache;

public sealed partial class ExamCache
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "Redis {Command} of {Key} failed or timed out; the read goes to the replica")]
    private static partial void LogRedisFailed(ILogger logger, string command, string? key, Exception exception);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning,
        Message = "Redis failed {Failures} times in a row: reads skip it for {BreakSeconds} s and answer from the replica")]
    private static partial void LogCircuitOpened(ILogger logger, int failures, int breakSeconds);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Redis answers again: reads use the cache")]
    private static partial void LogRedisBack(ILogger logger);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information,
        Message = "Hearing cache invalidations from other processes: {Listening} (exam grains keep in-memory copies only while true)")]
    private static partial void LogListening(ILogger logger, bool listening);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning,
        Message = "Could not subscribe to cache invalidations; exam grains keep no in-memory copies until Redis is back")]
    private static partial void LogNotListening(ILogger logger, Exception exception);
}
