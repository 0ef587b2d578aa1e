namespace MockExams.Api.Events;

public sealed partial class ExamChangeFeed
{
    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Could not read exam {ExamId} after a change; reading it again shortly")]
    private static partial void LogReadFailed(ILogger logger, string examId, Exception exception);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Not subscribed to exam changes: event streams are refused until Redis is back")]
    private static partial void LogNotHearing(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Information, Message = "Hearing exam changes: {Hearing}")]
    private static partial void LogHearing(ILogger logger, bool hearing);
}
