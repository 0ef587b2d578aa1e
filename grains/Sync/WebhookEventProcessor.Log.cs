using Microsoft.Extensions.Logging;

namespace MockExams.Grains.Sync;

public sealed partial class WebhookEventProcessor
{
    [LoggerMessage(EventId = 4721, Level = LogLevel.Information,
        Message = "Applied {Events} webhook events: {Exams} exams and {Bookings} bookings through their exam grains")]
    private static partial void LogApplied(ILogger logger, int events, int exams, int bookings);

    [LoggerMessage(EventId = 4722, Level = LogLevel.Warning,
        Message = "Could not apply {Events} webhook events; they stay pending and are tried again")]
    private static partial void LogFailed(ILogger logger, int events, Exception exception);

    [LoggerMessage(EventId = 4723, Level = LogLevel.Debug,
        Message = "{Events} webhook events are about object types sync does not replicate; ignored")]
    private static partial void LogIgnored(ILogger logger, int events);
}
