using System.Text;
using Microsoft.Extensions.Logging;
using MockExams.Replica;
using Npgsql;

namespace MockExams.Grains.Replica;

/// <summary>
/// Runs the read path's queries: each returns one JSON text that Postgres built (the finished response body), or
/// none. Counts every query (<see cref="ReplicaMetrics"/>) and turns an unreachable replica into
/// <see cref="ReplicaUnavailableException"/>; a query the server rejects (a bug) stays a <see cref="PostgresException"/>.
/// </summary>
public sealed partial class ReplicaJson(NpgsqlDataSource dataSource, ReplicaMetrics metrics, ILogger<ReplicaJson> logger)
{
    public NpgsqlCommand CreateCommand(string sql) => dataSource.CreateCommand(sql);

    /// <summary>The UTF-8 bytes of the single JSON value the command selects; null when it selects no row or SQL null.</summary>
    public async Task<byte[]?> QueryAsync(NpgsqlCommand command, string queryName, CancellationToken cancellationToken)
    {
        metrics.QueryExecuted(queryName);
        try
        {
            // Stored text is in the replica's encoding; the body says what HubSpot holds (ReplicaText).
            return await command.ExecuteScalarAsync(cancellationToken) is string json
                ? ReplicaText.DecodeJson(Encoding.UTF8.GetBytes(json))
                : null;
        }
        catch (NpgsqlException ex) when (ex is not PostgresException || ex.IsTransient)
        {
            LogReplicaUnavailable(logger, queryName, ex);
            throw new ReplicaUnavailableException($"The replica did not answer the {queryName} query.");
        }
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "The replica did not answer the {Query} query; cache misses get 503 until it does")]
    private static partial void LogReplicaUnavailable(ILogger logger, string query, Exception exception);
}
