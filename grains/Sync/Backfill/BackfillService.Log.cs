using Microsoft.Extensions.Logging;

namespace MockExams.Grains.Sync.Backfill;

public sealed partial class BackfillService
{
    [LoggerMessage(EventId = 4741, Level = LogLevel.Information, Message = "Backfill started (resuming an interrupted one: {Resumed})")]
    private static partial void LogStarted(ILogger logger, bool resumed);

    [LoggerMessage(EventId = 4742, Level = LogLevel.Information,
        Message = "Backfill finished: {Exams} exams and {Bookings} bookings, {Calls} HubSpot calls and {SearchCalls} searches in {Elapsed}")]
    private static partial void LogFinished(ILogger logger, long exams, long bookings, long calls, long searchCalls, TimeSpan elapsed);

    [LoggerMessage(EventId = 4743, Level = LogLevel.Warning, Message = "Backfill interrupted ({Error}); the next run resumes from its checkpoint")]
    private static partial void LogInterrupted(ILogger logger, string error);

    [LoggerMessage(EventId = 4744, Level = LogLevel.Error, Message = "Backfill lost its lease (another process took it over); stopping")]
    private static partial void LogLeaseLost(ILogger logger);

    [LoggerMessage(EventId = 4745, Level = LogLevel.Warning,
        Message = "Backfill finished but Redis did not confirm the cache invalidation; cached answers may lag until their TTL")]
    private static partial void LogCacheNotInvalidated(ILogger logger, Exception exception);
}
