using Microsoft.Extensions.Logging;

namespace MockExams.Grains.HubSpot;

internal sealed partial class HubSpotTransport
{
    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning,
        Message = "HubSpot answered 429 ({PolicyName}) to {Method} {Path}; the shared budget is paused for {Paused}")]
    private static partial void LogRateLimited(ILogger logger, HttpMethod method, string path, string policyName, TimeSpan paused);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning,
        Message = "HubSpot did not answer {Method} {Path} ({Failure})")]
    private static partial void LogUnreachable(ILogger logger, HttpMethod method, string path, string failure);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information,
        Message = "HubSpot answered {Status} ({Category}) to {Method} {Path}; correlation id {CorrelationId}")]
    private static partial void LogFailed(ILogger logger, HttpMethod method, string path, int status, string? category, string? correlationId);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning,
        Message = "Could not pass HubSpot's remaining-calls header to the shared budget")]
    private static partial void LogReportFailed(ILogger logger, Exception exception);
}
