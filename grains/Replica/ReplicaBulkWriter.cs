using System.Text.Json;
using Microsoft.Extensions.Logging;
using MockExams.Exams;
using Npgsql;
using NpgsqlTypes;

namespace MockExams.Grains.Replica;

/// <summary>
/// Bulk upserts of HubSpot records into the replica, one statement per batch (<c>unnest</c> of column arrays),
/// for the backfill. The never-older rule is in the statement: a row only changes when the incoming
/// <c>hs_last_modified_at</c> is newer than the stored one, so a bulk write racing an exam grain's write can never
/// replace the grain's newer version with the older one the backfill read earlier.
/// </summary>
/// <remarks>
/// <c>total_bookings</c> is not taken from HubSpot on update: the replica keeps it exact from the bookings it holds
/// (<see cref="RecountBookingsAsync"/>). Checkpoint statements ride in the same transaction, so a killed
/// backfill never records progress past rows it did not write.
/// </remarks>
public sealed partial class ReplicaBulkWriter(NpgsqlDataSource dataSource, ILogger<ReplicaBulkWriter> logger)
{
    /// <summary>Upserts exams (newest version per id); answers how many rows changed.</summary>
    public Task<int> UpsertExamsAsync(
        IReadOnlyCollection<ExamRecord> exams, IReadOnlyList<ReplicaCheckpoint> checkpoints, CancellationToken cancellationToken) =>
        WriteAsync(Newest(exams, e => e.HubSpotId, e => e.LastModifiedAt), checkpoints, ReplicaQuarantine.Exams,
            e => e.HubSpotId, e => e.HubSpotId, UpsertExamsAsync, cancellationToken);

    /// <summary>Upserts bookings (newest version per id); answers how many rows changed.</summary>
    public Task<int> UpsertBookingsAsync(
        IReadOnlyCollection<BookingRecord> bookings, IReadOnlyList<ReplicaCheckpoint> checkpoints, CancellationToken cancellationToken) =>
        WriteAsync(Newest(bookings, b => b.HubSpotId, b => b.LastModifiedAt), checkpoints, ReplicaQuarantine.Bookings,
            b => b.HubSpotId, b => b.MockExamId, UpsertBookingsAsync, cancellationToken);

    // All rows in one statement; when Postgres refuses the rows themselves, again one by one (each under a savepoint),
    // the refused ones quarantined, so one bad record never stops a backfill or its checkpoint.
    private async Task<int> WriteAsync<T>(
        IReadOnlyList<T> rows, IReadOnlyList<ReplicaCheckpoint> checkpoints, string recordType, Func<T, string> id,
        Func<T, string?> examId, Func<NpgsqlConnection, NpgsqlTransaction, IReadOnlyList<T>, CancellationToken, Task<int>> upsert,
        CancellationToken cancellationToken)
        where T : notnull
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var changed = rows.Count == 0 ? 0 : await upsert(connection, transaction, rows, cancellationToken);
            await FinishAsync(connection, transaction, [.. rows.Select(r => (recordType, id(r)))], [], checkpoints, cancellationToken);
            return changed;
        }
        catch (PostgresException ex) when (ReplicaDataError.Is(ex))
        {
            LogBatchRefused(logger, recordType, rows.Count, ReplicaDataError.Describe(ex));
        }

        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            var changed = 0;
            List<(string, string)> written = [];
            List<RefusedRecord> refused = [];
            foreach (var row in rows)
            {
                await transaction.SaveAsync("record", cancellationToken);
                try
                {
                    changed += await upsert(connection, transaction, [row], cancellationToken);
                    await transaction.ReleaseAsync("record", cancellationToken);
                    written.Add((recordType, id(row)));
                }
                catch (PostgresException ex) when (ReplicaDataError.Is(ex))
                {
                    await transaction.RollbackAsync("record", cancellationToken);
                    var reason = ReplicaDataError.Describe(ex);
                    LogRecordQuarantined(logger, recordType, id(row), reason);
                    refused.Add(new RefusedRecord(recordType, id(row), examId(row), reason, JsonSerializer.Serialize(row)));
                }
            }

            await FinishAsync(connection, transaction, written, refused, checkpoints, cancellationToken);
            return changed;
        }
    }

    private static async Task FinishAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<(string, string)> written,
        IReadOnlyList<RefusedRecord> refused, IReadOnlyList<ReplicaCheckpoint> checkpoints, CancellationToken cancellationToken)
    {
        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            batch.BatchCommands.Add(ReplicaQuarantine.Clear(written));
            if (refused is not [])
            {
                batch.BatchCommands.Add(ReplicaQuarantine.Record(refused));
            }

            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var checkpoint in checkpoints)
        {
            await checkpoint.SaveAsync(connection, transaction, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Sets <c>total_bookings</c> of the given exams to the number of their active, live bookings in the replica.
    /// The exam rows are locked first, so the count (a later statement, hence a later snapshot) sees every booking
    /// committed by a writer that held the lock before us, and a writer that comes after updates the count itself.
    /// </summary>
    public async Task<int> RecountBookingsAsync(IReadOnlyCollection<string> examIds, CancellationToken cancellationToken)
    {
        if (examIds.Count == 0)
        {
            return 0;
        }

        var ids = examIds.Select(id => ReplicaText.Encode(id)!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockRows = new NpgsqlCommand("""
            select 1 from public.hubspot_mock_exams where hubspot_id = any($1) order by hubspot_id for update
            """, connection, transaction))
        {
            lockRows.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = ids });
            await lockRows.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var recount = new NpgsqlCommand("""
            update public.hubspot_mock_exams e
            set total_bookings = c.active
            from (
                select x.id, (select count(*)::int from public.hubspot_bookings b
                              where b.mock_exam_id = x.id and b.is_active = 'true' and b.deleted_at is null) as active
                from unnest($1::text[]) as x(id)
            ) c
            where e.hubspot_id = c.id and e.total_bookings is distinct from c.active
            """, connection, transaction);
        recount.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = ids });
        var changed = await recount.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return changed;
    }

    private static async Task<int> UpsertExamsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<ExamRecord> rows, CancellationToken cancellationToken)
    {
        // synced_at is the time of this write; updated_at carries HubSpot's own modification time, as the seed had it.
        await using var command = new NpgsqlCommand("""
            insert into public.hubspot_mock_exams as e
                (hubspot_id, mock_exam_name, mock_type, exam_date, start_time, end_time, location, capacity,
                 total_bookings, is_active, created_at, updated_at, hs_last_modified_at, deleted_at, synced_at)
            select r.hubspot_id, r.mock_exam_name, r.mock_type, r.exam_date, r.start_time, r.end_time, r.location,
                   r.capacity, r.total_bookings, case when r.is_active then 'true' else 'false' end, r.created_at,
                   r.modified_at, r.modified_at, case when r.archived then now() end, now()
            from unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::text[], $6::text[], $7::text[], $8::int[],
                        $9::int[], $10::bool[], $11::timestamptz[], $12::timestamptz[], $13::bool[])
                 as r(hubspot_id, mock_exam_name, mock_type, exam_date, start_time, end_time, location, capacity,
                      total_bookings, is_active, created_at, modified_at, archived)
            on conflict (hubspot_id) do update set
                mock_exam_name = excluded.mock_exam_name,
                mock_type = excluded.mock_type,
                exam_date = excluded.exam_date,
                start_time = excluded.start_time,
                end_time = excluded.end_time,
                location = excluded.location,
                capacity = excluded.capacity,
                is_active = excluded.is_active,
                created_at = coalesce(excluded.created_at, e.created_at),
                updated_at = excluded.updated_at,
                hs_last_modified_at = excluded.hs_last_modified_at,
                deleted_at = case when excluded.deleted_at is null then null else coalesce(e.deleted_at, excluded.deleted_at) end,
                synced_at = excluded.synced_at
            where e.hs_last_modified_at is null or excluded.hs_last_modified_at > e.hs_last_modified_at
            """, connection, transaction);
        command.Parameters.Add(Texts(rows.Select(r => r.HubSpotId)));
        command.Parameters.Add(Texts(rows.Select(r => r.MockExamName)));
        command.Parameters.Add(Texts(rows.Select(r => r.MockType)));
        command.Parameters.Add(Dates(rows.Select(r => r.ExamDate)));
        command.Parameters.Add(Texts(rows.Select(r => r.StartTime)));
        command.Parameters.Add(Texts(rows.Select(r => r.EndTime)));
        command.Parameters.Add(Texts(rows.Select(r => r.Location)));
        command.Parameters.Add(Ints(rows.Select(r => r.Capacity)));
        command.Parameters.Add(Ints(rows.Select(r => (int?)r.TotalBookings)));
        command.Parameters.Add(Bools(rows.Select(r => r.IsActive)));
        command.Parameters.Add(Times(rows.Select(r => r.CreatedAt)));
        command.Parameters.Add(Times(rows.Select(r => (DateTimeOffset?)r.LastModifiedAt)));
        command.Parameters.Add(Bools(rows.Select(r => r.Archived)));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<int> UpsertBookingsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<BookingRecord> rows, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            insert into public.hubspot_bookings as b
                (hubspot_id, booking_id, mock_exam_id, contact_id, student_id, student_name, student_email,
                 booking_status, is_active, attendance, attending_location, exam_date, dominant_hand,
                 created_at, updated_at, hs_last_modified_at, deleted_at, synced_at)
            select r.hubspot_id, nullif(r.booking_id, ''), nullif(r.mock_exam_id, ''), r.contact_id, r.student_id,
                   r.student_name, r.student_email, r.booking_status, case when r.is_active then 'true' else 'false' end,
                   r.attendance, r.attending_location, r.exam_date, r.dominant_hand, r.created_at, r.modified_at,
                   r.modified_at, case when r.archived then now() end, now()
            from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                        $9::bool[], $10::text[], $11::text[], $12::date[], $13::text[], $14::timestamptz[],
                        $15::timestamptz[], $16::bool[])
                 as r(hubspot_id, booking_id, mock_exam_id, contact_id, student_id, student_name, student_email,
                      booking_status, is_active, attendance, attending_location, exam_date, dominant_hand, created_at,
                      modified_at, archived)
            on conflict (hubspot_id) do update set
                booking_id = excluded.booking_id,
                mock_exam_id = coalesce(excluded.mock_exam_id, b.mock_exam_id),
                contact_id = excluded.contact_id,
                student_id = excluded.student_id,
                student_name = excluded.student_name,
                student_email = excluded.student_email,
                booking_status = excluded.booking_status,
                is_active = excluded.is_active,
                attendance = excluded.attendance,
                attending_location = excluded.attending_location,
                exam_date = excluded.exam_date,
                dominant_hand = excluded.dominant_hand,
                created_at = coalesce(excluded.created_at, b.created_at),
                updated_at = excluded.updated_at,
                hs_last_modified_at = excluded.hs_last_modified_at,
                deleted_at = case when excluded.deleted_at is null then null else coalesce(b.deleted_at, excluded.deleted_at) end,
                synced_at = excluded.synced_at
            where b.hs_last_modified_at is null or excluded.hs_last_modified_at > b.hs_last_modified_at
            """, connection, transaction);
        command.Parameters.Add(Texts(rows.Select(r => r.HubSpotId)));
        command.Parameters.Add(Texts(rows.Select(r => r.BookingId)));
        command.Parameters.Add(Texts(rows.Select(r => r.MockExamId)));
        command.Parameters.Add(Texts(rows.Select(r => r.ContactId)));
        command.Parameters.Add(Texts(rows.Select(r => r.StudentId)));
        command.Parameters.Add(Texts(rows.Select(r => r.StudentName)));
        command.Parameters.Add(Texts(rows.Select(r => r.StudentEmail)));
        command.Parameters.Add(Texts(rows.Select(r => r.BookingStatus)));
        command.Parameters.Add(Bools(rows.Select(r => r.IsActive)));
        command.Parameters.Add(Texts(rows.Select(r => r.Attendance)));
        command.Parameters.Add(Texts(rows.Select(r => r.AttendingLocation)));
        command.Parameters.Add(Dates(rows.Select(r => r.ExamDate)));
        command.Parameters.Add(Texts(rows.Select(r => r.DominantHand)));
        command.Parameters.Add(Times(rows.Select(r => r.CreatedAt)));
        command.Parameters.Add(Times(rows.Select(r => (DateTimeOffset?)r.LastModifiedAt)));
        command.Parameters.Add(Bools(rows.Select(r => r.Archived)));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // The same id twice in one INSERT ... ON CONFLICT is an error ("cannot affect row a second time"): keep the newest.
    private static List<T> Newest<T>(IEnumerable<T> records, Func<T, string> id, Func<T, DateTimeOffset> modified) =>
        [.. records.GroupBy(id, StringComparer.Ordinal).Select(g => g.MaxBy(modified)!)];

    // Every text column is written in the replica's encoding (ReplicaText).
    private static NpgsqlParameter Texts(IEnumerable<string?> values) =>
        new() { Value = values.Select(ReplicaText.Encode).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };

    [LoggerMessage(EventId = 2203, Level = LogLevel.Warning,
        Message = "The replica refused a bulk write of {Count} {RecordType} ({Reason}); writing them one by one")]
    private static partial void LogBatchRefused(ILogger logger, string recordType, int count, string reason);

    [LoggerMessage(EventId = 2204, Level = LogLevel.Error,
        Message = "Quarantined {RecordType} {RecordId}: the replica refused it ({Reason})")]
    private static partial void LogRecordQuarantined(ILogger logger, string recordType, string recordId, string reason);

    private static NpgsqlParameter Ints(IEnumerable<int?> values) =>
        new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer };

    private static NpgsqlParameter Bools(IEnumerable<bool> values) =>
        new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Boolean };

    private static NpgsqlParameter Dates(IEnumerable<DateOnly?> values) =>
        new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date };

    // timestamptz takes UTC only.
    private static NpgsqlParameter Times(IEnumerable<DateTimeOffset?> values) =>
        new() { Value = values.Select(v => v?.UtcDateTime).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz };
}
