using Microsoft.Extensions.Logging;

namespace MockExams.Grains.Sync;

public sealed partial class Reconciler
{
    [LoggerMessage(EventId = 4731, Level = LogLevel.Information,
        Message = "Reconciled {ObjectType}: {Checked} checked, {Missing} missing, {Extra} extra, {Stale} stale, {ArchivedButLive} archived in HubSpot but live")]
    private static partial void LogFound(ILogger logger, string objectType, int @checked, int missing, int extra, int stale, int archivedButLive);

    [LoggerMessage(EventId = 4732, Level = LogLevel.Information,
        Message = "Repaired {Repaired} {ObjectType} records through their exam grains")]
    private static partial void LogRepaired(ILogger logger, string objectType, int repaired);
}
