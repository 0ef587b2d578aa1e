using Microsoft.Extensions.Logging;

namespace MockExams.Grains.Sync;

public sealed partial class SyncGrain
{
    [LoggerMessage(EventId = 4751, Level = LogLevel.Warning, Message = "Sync job {Job} failed; it runs again on its next tick")]
    private static partial void LogJobFailed(ILogger logger, string job, Exception exception);

    [LoggerMessage(EventId = 4752, Level = LogLevel.Information, Message = "A backfill is already running in {Holder}; not starting another")]
    private static partial void LogBackfillBusy(ILogger logger, string? holder);

    [LoggerMessage(EventId = 4753, Level = LogLevel.Information, Message = "Forgot {Pruned} applied webhook events past their retention")]
    private static partial void LogPruned(ILogger logger, int pruned);

    [LoggerMessage(EventId = 4754, Level = LogLevel.Information,
        Message = "Told {Count} active exam grains to reload from the replica after a backfill")]
    private static partial void LogExamGrainsRefreshed(ILogger logger, int count);

    [LoggerMessage(EventId = 4755, Level = LogLevel.Warning, Message = "Exam grain {ExamId} could not be told to reload after a backfill")]
    private static partial void LogExamGrainNotRefreshed(ILogger logger, string examId, Exception exception);
}
