using Npgsql;

namespace MockExams.Grains.Replica;

/// <summary>
/// Reads Idempotency-Key records (they are written with the flush that answered them, by <see cref="ReplicaWriter"/>).
/// </summary>
public sealed class IdempotencyStore(NpgsqlDataSource dataSource, ReplicaMetrics metrics)
{
    private const string FindSql = """
        select key, request_hash, status, coalesce(response::text, 'null') from public.idempotency_keys
        where key = any($1) and expires_at > now() and status is not null
        """;

    public async Task<IReadOnlyList<IdempotencyRecord>> FindAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(FindSql);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. keys] });
        metrics.QueryExecuted("idempotency");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        List<IdempotencyRecord> found = [];
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(new IdempotencyRecord(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3)));
        }

        return found;
    }
}
