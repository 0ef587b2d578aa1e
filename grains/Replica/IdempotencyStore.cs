using Npgsql;

namespace MockExams.Grains.Replica;

/// <summary>
/// Reads Idempotency-Key records (they are written with the flush that answered them, by <see cref="ReplicaWriter"/>).
/// </summary>
public sealed class IdempotencyStore(NpgsqlDataSource dataSource, ReplicaMetrics metrics)
{
    private const string FindSql = """
        select request_hash, status, response::text from public.idempotency_keys
        where key = $1 and expires_at > now() and status is not null
        """;

    public async Task<IdempotencyRecord?> FindAsync(string key, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(FindSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        metrics.QueryExecuted("idempotency");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new IdempotencyRecord(key, reader.GetString(0), reader.GetInt32(1), reader.IsDBNull(2) ? "null" : reader.GetString(2))
            : null;
    }
}
