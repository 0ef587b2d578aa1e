using Microsoft.Extensions.Logging;
using MockExams.Replica;
using Npgsql;
using StackExchange.Redis;

namespace MockExams.Grains.Edge;

/// <summary>
/// The grain edge: a Postgres or Redis failure escaping a grain method leaves as a type every caller can read.
/// Npgsql's and StackExchange.Redis' exceptions have no Orleans codec, so they crossed the wire as
/// <c>CodecNotFoundException</c> (or not at all), and callers could only guess from a type name in a message.
/// Postgres out of reach (or a transient server error) becomes <see cref="ReplicaUnavailableException"/>, Redis
/// failing becomes <see cref="DependencyUnavailableException"/>; both carry only a message, and the original is
/// logged here. A query Postgres refuses (a bug, not an outage) is left as it is. Runs on every grain call, so a
/// caller sees the same type whether the grain ran on its silo or another one.
/// </summary>
public sealed partial class DependencyFailureFilter(ILogger<DependencyFailureFilter> logger) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception ex) when (Translate(ex, $"{context.InterfaceName}.{context.MethodName}") is { } translated)
        {
            LogTranslated(logger, context.InterfaceName, context.MethodName, translated.GetType().Name, ex);
            throw translated;
        }
    }

    /// <summary>The edge's exception for <paramref name="exception"/> (or one of its inner ones); null to leave it.</summary>
    public static Exception? Translate(Exception exception, string call)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case ReplicaUnavailableException or DependencyUnavailableException:
                    return null;   // already the edge's own type
                case NpgsqlException npgsql when npgsql is not PostgresException || npgsql.IsTransient:
                    return new ReplicaUnavailableException($"The replica did not answer {call}: {Describe(npgsql)}");
                case RedisException or RedisTimeoutException:
                    return new DependencyUnavailableException($"Redis did not answer {call}: {Describe(current)}");
            }
        }

        return null;
    }

    private static string Describe(Exception exception) =>
        exception.InnerException is { } inner
            ? $"{exception.GetType().Name}: {exception.Message} ({inner.GetType().Name}: {inner.Message})"
            : $"{exception.GetType().Name}: {exception.Message}";

    [LoggerMessage(EventId = 9101, Level = LogLevel.Warning,
        Message = "{Interface}.{Method} failed on a backing service; the caller gets {Translated}")]
    private static partial void LogTranslated(ILogger logger, string @interface, string method, string translated, Exception exception);
}
