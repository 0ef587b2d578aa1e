using Npgsql;

namespace MockExams.Grains.Replica;

/// <summary>
/// Backfill progress of one object type, saved in the same transaction as the rows it covers: a killed
/// backfill resumes from the last checkpoint whose rows are in the replica, never past one whose rows are not.
/// </summary>
/// <param name="ObjectType"><c>sync_state.object_type</c>.</param>
/// <param name="CursorPatch">A JSON object merged into <c>backfill_cursor</c> (top-level keys replace).</param>
/// <param name="Written">Records just written, added to <c>backfill_progress.written</c>.</param>
public sealed record ReplicaCheckpoint(string ObjectType, string CursorPatch, long Written)
{
    internal async Task SaveAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            update public.sync_state
            set backfill_cursor = (coalesce(backfill_cursor::jsonb, '{}'::jsonb) || $2::jsonb)::text,
                backfill_progress = backfill_progress
                    || jsonb_build_object('written', coalesce((backfill_progress->>'written')::bigint, 0) + $3),
                updated_at = now()
            where object_type = $1
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ObjectType });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = CursorPatch });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = Written });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
