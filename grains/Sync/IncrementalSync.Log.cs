using Microsoft.Extensions.Logging;

namespace MockExams.Grains.Sync;

public sealed partial class IncrementalSync
{
    [LoggerMessage(EventId = 4711, Level = LogLevel.Information,
        Message = "Incremental sync of {ObjectType}: {Fetched} changed in HubSpot since {Since:O}, {Applied} applied")]
    private static partial void LogApplied(ILogger logger, string objectType, int fetched, int applied, DateTimeOffset since);

    [LoggerMessage(EventId = 4712, Level = LogLevel.Information,
        Message = "{Count} {ObjectType} records are archived in HubSpot but were live in the replica: soft-deleted")]
    private static partial void LogArchived(ILogger logger, string objectType, int count);
}
