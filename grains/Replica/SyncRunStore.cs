using MockExams.Sync;
using Npgsql;

namespace MockExams.Grains.Replica;

/// <summary><c>sync_runs</c>: one row per backfill, incremental sync (when it found something) or reconciliation.</summary>
public sealed class SyncRunStore(NpgsqlDataSource dataSource)
{
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    /// <summary>Records the start of a run; answers its id.</summary>
    public async Task<long> StartAsync(string kind, string? objectType, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            insert into public.sync_runs (kind, object_type) values ($1, $2) returning id
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = kind });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)objectType ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Records the end of a run with its counters and details (JSON objects).</summary>
    public async Task FinishAsync(
        long runId, string status, string countsJson, string detailsJson, string? error, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            update public.sync_runs
            set finished_at = now(), status = $2, counts = $3::jsonb, details = $4::jsonb, error = $5
            where id = $1
            """);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = runId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = status });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = countsJson });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = detailsJson });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)error ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Records a run that happened all at once (start and end now).</summary>
    public async Task<long> RecordAsync(
        string kind, string? objectType, DateTimeOffset startedAt, string status, string countsJson, string? error,
        CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            insert into public.sync_runs (kind, object_type, started_at, finished_at, status, counts, error)
            values ($1, $2, $3, now(), $4, $5::jsonb, $6) returning id
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = kind });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)objectType ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = startedAt.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = status });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = countsJson });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)error ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<SyncRun?> GetAsync(long runId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"{SelectRun} where id = $1");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = runId });
        return await ReadOneAsync(command, cancellationToken);
    }

    /// <summary>The latest finished run of <paramref name="kind"/>.</summary>
    public async Task<SyncRun?> LatestFinishedAsync(string kind, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"{SelectRun} where kind = $1 and status <> 'running' order by started_at desc, id desc limit 1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = kind });
        return await ReadOneAsync(command, cancellationToken);
    }

    /// <summary>Runs left "running" by a process that died: marked failed so the dashboard does not show them forever.</summary>
    public async Task AbandonRunningAsync(string kind, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            update public.sync_runs set status = 'failed', finished_at = now(), error = 'abandoned: the process running it stopped'
            where kind = $1 and status = 'running'
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = kind });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private const string SelectRun = """
        select id, kind, object_type, started_at, finished_at, status, counts::text, details::text, error from public.sync_runs
        """;

    private static async Task<SyncRun?> ReadOneAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        return new SyncRun(
            reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
            new DateTimeOffset(reader.GetFieldValue<DateTime>(3), TimeSpan.Zero),
            reader.IsDBNull(4) ? null : new DateTimeOffset(reader.GetFieldValue<DateTime>(4), TimeSpan.Zero),
            reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8));
    }
}
