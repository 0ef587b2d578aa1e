using Npgsql;

namespace MockExams.Grains.Replica;

/// <summary><c>sync_state</c>: backfill checkpoints, incremental watermarks and reconcile times per object type.</summary>
public sealed class SyncStateStore(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyDictionary<string, SyncStateRow>> ReadAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            select object_type, watermark, last_incremental_at, last_backfill_at, backfill_cursor, backfill_started_at,
                   coalesce((backfill_progress->>'written')::bigint, 0), (backfill_progress->>'total')::bigint, last_reconcile_at
            from public.sync_state
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new Dictionary<string, SyncStateRow>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new SyncStateRow(
                reader.GetString(0), Time(reader, 1), Time(reader, 2), Time(reader, 3),
                reader.IsDBNull(4) ? null : reader.GetString(4), Time(reader, 5), reader.GetInt64(6),
                reader.IsDBNull(7) ? null : reader.GetInt64(7), Time(reader, 8));
            rows[row.ObjectType] = row;
        }
        return rows;
    }

    /// <summary>
    /// Starts a backfill of <paramref name="objectType"/> unless one is unfinished (then it resumes from its cursor):
    /// an empty cursor, the start time (the first incremental sync starts there) and zeroed progress.
    /// </summary>
    public async Task BeginBackfillAsync(string objectType, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            insert into public.sync_state (object_type, backfill_cursor, backfill_started_at, backfill_progress)
            values ($1, '{}', $2, '{}'::jsonb)
            on conflict (object_type) do update
            set backfill_cursor = '{}', backfill_started_at = $2, backfill_progress = '{}'::jsonb, updated_at = now()
            where sync_state.backfill_cursor is null
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = objectType });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = startedAt.UtcDateTime });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Merges counters into <c>backfill_progress</c> (e.g. the total HubSpot reported).</summary>
    public async Task SetBackfillProgressAsync(string objectType, string key, long value, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            update public.sync_state set backfill_progress = backfill_progress || jsonb_build_object($2::text, $3), updated_at = now()
            where object_type = $1
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = objectType });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = value });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Marks the backfill of <paramref name="objectType"/> finished. When incremental sync has never run, its
    /// watermark becomes the backfill's start, so changes made while the backfill ran are picked up next.
    /// </summary>
    public async Task CompleteBackfillAsync(string objectType, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            update public.sync_state
            set last_backfill_at = now(), backfill_cursor = null,
                watermark = coalesce(watermark, backfill_started_at), updated_at = now()
            where object_type = $1
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = objectType });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Moves the incremental watermark forward (never back); with <paramref name="searchStartedAt"/>, also records a
    /// finished incremental sync that started its search then.
    /// </summary>
    public async Task RecordIncrementalAsync(
        string objectType, DateTimeOffset? watermark, DateTimeOffset? searchStartedAt, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            update public.sync_state
            set watermark = greatest(watermark, $2), last_incremental_at = coalesce($3, last_incremental_at), updated_at = now()
            where object_type = $1
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = objectType });
        command.Parameters.Add(new NpgsqlParameter<DateTime?> { TypedValue = watermark?.UtcDateTime, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<DateTime?> { TypedValue = searchStartedAt?.UtcDateTime, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task RecordReconcileAsync(string objectType, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            update public.sync_state set last_reconcile_at = $2, updated_at = now() where object_type = $1
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = objectType });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = at.UtcDateTime });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DateTimeOffset? Time(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : new DateTimeOffset(reader.GetFieldValue<DateTime>(ordinal), TimeSpan.Zero);
}
