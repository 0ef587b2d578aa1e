using Microsoft.Extensions.Logging;
using Npgsql;

namespace MockExams.Grains.Replica;

public sealed partial class MigrationRunner
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Applying replica migration {Version} {Name}")]
    private static partial void LogApplying(ILogger logger, string version, string name);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Applied replica migration {Version} {Name} in {Elapsed}")]
    private static partial void LogApplied(ILogger logger, string version, string name, TimeSpan elapsed);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Debug,
        Message = "Replica migration {Version} {Name} was applied by another process while this one waited")]
    private static partial void LogAppliedElsewhere(ILogger logger, string version, string name);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Error, Message = "Replica migration {Version} {Name} failed and was rolled back")]
    private static partial void LogFailed(ILogger logger, string version, string name, PostgresException exception);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information,
        Message = "Replica schema is up to date ({Known} migrations known, {Applied} applied now)")]
    private static partial void LogUpToDate(ILogger logger, int known, int applied);
}
