using Microsoft.Extensions.Logging;

namespace MockExams.Grains.Exams;

public sealed partial class MockExamGrain
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning,
        Message = "Exam {ExamId}: activated with {Intents} unfinished write intents; settling them before new writes")]
    private static partial void LogRecovering(ILogger logger, string examId, int intents);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Error,
        Message = "Exam {ExamId}: grain state changed under this activation (a duplicate activation); aborting the flush and deactivating")]
    private static partial void LogDuplicateActivation(ILogger logger, string examId, Exception exception);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning,
        Message = "Exam {ExamId}: HubSpot's outcome for {Bookings} bookings is unknown; clients told to retry, seats held until settled")]
    private static partial void LogUnknownOutcome(ILogger logger, string examId, int bookings, Exception exception);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning,
        Message = "Exam {ExamId}: the replica did not take a write HubSpot already holds; retrying, cache bypassed meanwhile")]
    private static partial void LogReplicaBehind(ILogger logger, string examId, Exception exception);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning,
        Message = "Exam {ExamId}: cache invalidation failed; retrying, cache bypassed meanwhile")]
    private static partial void LogInvalidationFailed(ILogger logger, string examId, Exception exception);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Error, Message = "Exam {ExamId}: a flush failed unexpectedly")]
    private static partial void LogFlushFailed(ILogger logger, string examId, Exception exception);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Warning, Message = "Exam {ExamId}: settling owed writes failed; retrying")]
    private static partial void LogSettleFailed(ILogger logger, string examId, Exception exception);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Information,
        Message = "Exam {ExamId}: intent {IntentId} settled: {Found} bookings found in HubSpot, {Created} created, {Released} released")]
    private static partial void LogIntentSettled(ILogger logger, string examId, Guid intentId, int found, int created, int released);

    [LoggerMessage(EventId = 4009, Level = LogLevel.Warning, Message = "Exam {ExamId}: the grain state could not be saved")]
    private static partial void LogStateNotSaved(ILogger logger, string examId, Exception exception);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Debug,
        Message = "Exam {ExamId}: flushed {Writes} writes after {WaitedMs} ms in the queue: {Creates} creates, {Cancels} cancels, {Rejected} rejected")]
    private static partial void LogFlushed(ILogger logger, string examId, int writes, long waitedMs, int creates, int cancels, int rejected);

    [LoggerMessage(EventId = 4020, Level = LogLevel.Information,
        Message = "Exam {ExamId}: {Writes} writes told to retry: the replica's first backfill is still copying bookings")]
    private static partial void LogReplicaFilling(ILogger logger, string examId, int writes);

    // 4021, 4022: the owed reminder's (OwedReminder.cs).

    [LoggerMessage(EventId = 4023, Level = LogLevel.Information,
        Message = "Exam {ExamId}: intent {IntentId} has {Missing} creates HubSpot does not show yet; their seats stay held until {Until}, when a late write would have landed")]
    private static partial void LogSettleDeferred(ILogger logger, string examId, Guid intentId, int missing, DateTimeOffset until);

    [LoggerMessage(EventId = 4030, Level = LogLevel.Information,
        Message = "Exam {ExamId}: {Count} of its bookings were moved to exam {NewExamId} in HubSpot; it recounts and reloads")]
    private static partial void LogBookingsMoved(ILogger logger, string examId, string newExamId, int count);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Debug,
        Message = "Exam {ExamId}: total_bookings {Total} sent to HubSpot ({How}) by activation {Activation}")]
    private static partial void LogTotalSent(ILogger logger, string examId, int total, string how, GrainAddress activation);

    [LoggerMessage(EventId = 4012, Level = LogLevel.Warning,
        Message = "Exam {ExamId}: total_bookings {Total} not confirmed (HubSpot refused or left unanswered this exam's input, or the state could not be saved first); pushed again after the back-off")]
    private static partial void LogTotalNotConfirmed(ILogger logger, string examId, int total);
}
