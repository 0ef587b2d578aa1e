using System.Text.Json;
using Microsoft.Extensions.Logging;
using MockExams.Exams;
using Npgsql;
using NpgsqlTypes;

namespace MockExams.Grains.Replica;

/// <summary>
/// Writes the replica for the exam grains, each the only writer of its exam's rows. One transaction per flush;
/// an upsert never replaces a newer HubSpot version (<c>hs_last_modified_at</c>) with an older one, and the
/// exam's <c>total_bookings</c> is recounted from its active bookings in the same transaction. Text is stored in
/// the replica's encoding (<see cref="ReplicaText"/>), so a value HubSpot holds (a NUL typed by staff) never fails a
/// commit; a record Postgres still refuses is quarantined (<see cref="ReplicaQuarantine"/>), never retried forever.
/// </summary>
public sealed partial class ReplicaWriter(NpgsqlDataSource dataSource, ReplicaMetrics metrics, ILogger<ReplicaWriter> logger)
{
    private const string UpsertExamSql = """
        insert into public.hubspot_mock_exams as e
          (hubspot_id, mock_exam_name, mock_type, exam_date, start_time, end_time, location, capacity, is_active,
           created_at, updated_at, synced_at, hs_last_modified_at, deleted_at)
        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now(), $11, case when $12 then now() end)
        on conflict (hubspot_id) do update set
          mock_exam_name = excluded.mock_exam_name, mock_type = excluded.mock_type, exam_date = excluded.exam_date,
          start_time = excluded.start_time, end_time = excluded.end_time, location = excluded.location,
          capacity = excluded.capacity, is_active = excluded.is_active,
          created_at = coalesce(excluded.created_at, e.created_at), updated_at = excluded.updated_at,
          synced_at = now(), hs_last_modified_at = excluded.hs_last_modified_at,
          deleted_at = case when excluded.deleted_at is null then null else coalesce(e.deleted_at, excluded.deleted_at) end
        where e.hs_last_modified_at is null or excluded.hs_last_modified_at >= e.hs_last_modified_at
        """;

    private const string UpsertBookingsSql = """
        insert into public.hubspot_bookings as b
          (hubspot_id, booking_id, mock_exam_id, contact_id, student_id, student_name, student_email, booking_status,
           is_active, attendance, attending_location, exam_date, dominant_hand, created_at, updated_at, synced_at,
           hs_last_modified_at, deleted_at)
        select t.hubspot_id, t.booking_id, t.mock_exam_id, t.contact_id, t.student_id, t.student_name, t.student_email,
               t.booking_status, case when t.is_active then 'true' else 'false' end, t.attendance,
               t.attending_location, t.exam_date, t.dominant_hand, t.created_at, t.modified_at, now(), t.modified_at,
               case when t.archived then now() end
        from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                    $9::bool[], $10::text[], $11::text[], $12::date[], $13::text[], $14::timestamptz[],
                    $15::timestamptz[], $16::bool[])
          as t(hubspot_id, booking_id, mock_exam_id, contact_id, student_id, student_name, student_email, booking_status,
               is_active, attendance, attending_location, exam_date, dominant_hand, created_at, modified_at, archived)
        on conflict (hubspot_id) do update set
          booking_id = excluded.booking_id, mock_exam_id = excluded.mock_exam_id, contact_id = excluded.contact_id,
          student_id = excluded.student_id, student_name = excluded.student_name, student_email = excluded.student_email,
          booking_status = excluded.booking_status, is_active = excluded.is_active, attendance = excluded.attendance,
          attending_location = excluded.attending_location, exam_date = excluded.exam_date,
          dominant_hand = excluded.dominant_hand, created_at = coalesce(excluded.created_at, b.created_at),
          updated_at = excluded.updated_at, synced_at = now(), hs_last_modified_at = excluded.hs_last_modified_at,
          deleted_at = case when excluded.deleted_at is null then null else coalesce(b.deleted_at, excluded.deleted_at) end
        where b.hs_last_modified_at is null or excluded.hs_last_modified_at >= b.hs_last_modified_at
        """;

    private const string RecountSql = """
        update public.hubspot_mock_exams e
        set total_bookings = (select count(*) from public.hubspot_bookings b
                              where b.mock_exam_id = e.hubspot_id and b.is_active = 'true' and b.deleted_at is null)
        where e.hubspot_id = $1
        """;

    // A tombstone: the soft delete carries a version newer than the row's (and than any HubSpot change made before the
    // archive), so a sync or reconcile applying a search result read before the archive cannot bring the exam back; a
    // restore in HubSpot, made later, still carries a newer last-modified time and revives it.
    private const string SoftDeleteExamSql = """
        update public.hubspot_mock_exams set deleted_at = coalesce(deleted_at, now()), synced_at = now(),
          hs_last_modified_at = greatest(coalesce(hs_last_modified_at, now()) + interval '1 millisecond', now())
        where hubspot_id = $1
        """;

    private const string InsertIdempotencySql = """
        insert into public.idempotency_keys (key, request_hash, status, response)
        select * from unnest($1::text[], $2::text[], $3::int[], $4::jsonb[])
        on conflict (key) do update set
          request_hash = excluded.request_hash, status = excluded.status, response = excluded.response,
          created_at = now(), expires_at = now() + interval '24 hours'
        where idempotency_keys.expires_at <= now()
        """;

    /// <summary>
    /// Writes one flush. Throws <see cref="NpgsqlException"/> when the replica is unreachable: nothing is written then.
    /// When Postgres refuses the rows themselves (<see cref="ReplicaDataError"/>), the flush is written again record by
    /// record: the good ones are stored, each refused one is quarantined, and the call succeeds.
    /// </summary>
    public async Task CommitAsync(string examId, ReplicaCommit commit, CancellationToken cancellationToken)
    {
        if (commit.IsEmpty)
        {
            return;
        }

        try
        {
            await CommitTogetherAsync(examId, commit, cancellationToken);
        }
        catch (PostgresException ex) when (ReplicaDataError.Is(ex))
        {
            LogCommitRefused(logger, examId, ReplicaDataError.Describe(ex));
            await CommitOneByOneAsync(examId, commit, cancellationToken);
        }
    }

    private async Task CommitTogetherAsync(string examId, ReplicaCommit commit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        if (commit.Exam is { } exam)
        {
            batch.BatchCommands.Add(ExamCommand(exam));
        }

        if (commit.Bookings is not [])
        {
            batch.BatchCommands.Add(BookingsCommand(commit.Bookings));
        }

        if (commit.ArchiveExam)
        {
            batch.BatchCommands.Add(Command(SoftDeleteExamSql, Text(examId)));
        }

        if (commit.Exam is not null || commit.Bookings is not [])
        {
            batch.BatchCommands.Add(Command(RecountSql, Text(examId)));
        }

        if (commit.IdempotencyRecords is [_, ..] records)
        {
            batch.BatchCommands.Add(IdempotencyCommand(records));
        }

        batch.BatchCommands.Add(ReplicaQuarantine.Clear(Written(commit)));
        metrics.QueryExecuted("write");
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    // One transaction, each record under its own savepoint: a refused record is rolled back alone and quarantined.
    private async Task CommitOneByOneAsync(string examId, ReplicaCommit commit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        List<RefusedRecord> refused = [];
        List<(string, string)> written = [];

        async Task WriteAsync(NpgsqlBatchCommand command, string recordType, string recordId, object record)
        {
            await transaction.SaveAsync("record", cancellationToken);
            try
            {
                await ExecuteAsync(connection, transaction, [command], cancellationToken);
                await transaction.ReleaseAsync("record", cancellationToken);
                written.Add((recordType, recordId));
            }
            catch (PostgresException ex) when (ReplicaDataError.Is(ex))
            {
                await transaction.RollbackAsync("record", cancellationToken);
                var reason = ReplicaDataError.Describe(ex);
                LogRecordQuarantined(logger, recordType, recordId, examId, reason);
                refused.Add(new RefusedRecord(recordType, recordId, examId, reason, JsonSerializer.Serialize(record, record.GetType())));
            }
        }

        if (commit.Exam is { } exam)
        {
            await WriteAsync(ExamCommand(exam), ReplicaQuarantine.Exams, exam.HubSpotId, exam);
        }

        foreach (var booking in commit.Bookings)
        {
            await WriteAsync(BookingsCommand([booking]), ReplicaQuarantine.Bookings, booking.HubSpotId, booking);
        }

        foreach (var record in commit.IdempotencyRecords)
        {
            await WriteAsync(IdempotencyCommand([record]), ReplicaQuarantine.IdempotencyKeys, record.Key, record);
        }

        List<NpgsqlBatchCommand> rest = [];
        if (commit.ArchiveExam)
        {
            rest.Add(Command(SoftDeleteExamSql, Text(examId)));
        }

        if (commit.Exam is not null || commit.Bookings is not [])
        {
            rest.Add(Command(RecountSql, Text(examId)));
        }

        rest.Add(ReplicaQuarantine.Clear(written));
        if (refused is not [])
        {
            rest.Add(ReplicaQuarantine.Record(refused));
        }

        metrics.QueryExecuted("write-one-by-one");
        await ExecuteAsync(connection, transaction, rest, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<NpgsqlBatchCommand> commands, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var command in commands)
        {
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private static List<(string, string)> Written(ReplicaCommit commit) =>
    [
        .. commit.Exam is { } exam ? [(ReplicaQuarantine.Exams, exam.HubSpotId)] : Array.Empty<(string, string)>(),
        .. commit.Bookings.Select(b => (ReplicaQuarantine.Bookings, b.HubSpotId)),
        .. commit.IdempotencyRecords.Select(r => (ReplicaQuarantine.IdempotencyKeys, r.Key)),
    ];

    private static NpgsqlBatchCommand IdempotencyCommand(IReadOnlyList<IdempotencyRecord> records) => Command(InsertIdempotencySql,
        TextArray(records.Select(r => r.Key)),
        TextArray(records.Select(r => r.RequestHash)),
        new NpgsqlParameter<int[]> { TypedValue = [.. records.Select(r => r.Status)] },
        new NpgsqlParameter<string[]> { TypedValue = [.. records.Select(r => r.ResponseJson)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });

    [LoggerMessage(EventId = 2201, Level = LogLevel.Warning,
        Message = "The replica refused the commit of exam {ExamId} ({Reason}); writing its records one by one")]
    private static partial void LogCommitRefused(ILogger logger, string examId, string reason);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Error,
        Message = "Quarantined {RecordType} {RecordId} of exam {ExamId}: the replica refused it ({Reason}); force sync the exam once it is fixed")]
    private static partial void LogRecordQuarantined(ILogger logger, string recordType, string recordId, string examId, string reason);

    private static NpgsqlBatchCommand ExamCommand(ExamRecord exam) => Command(UpsertExamSql,
        Text(exam.HubSpotId), Text(exam.MockExamName), Text(exam.MockType),
        new NpgsqlParameter<DateOnly?> { TypedValue = exam.ExamDate, NpgsqlDbType = NpgsqlDbType.Date },
        Text(exam.StartTime), Text(exam.EndTime), Text(exam.Location),
        new NpgsqlParameter<int?> { TypedValue = exam.Capacity, NpgsqlDbType = NpgsqlDbType.Integer },
        Text(exam.IsActive ? "true" : "false"),
        Timestamp(exam.CreatedAt), Timestamp(exam.LastModifiedAt),
        new NpgsqlParameter<bool> { TypedValue = exam.Archived });

    private static NpgsqlBatchCommand BookingsCommand(IReadOnlyList<BookingRecord> bookings) => Command(UpsertBookingsSql,
        TextArray(bookings.Select(b => b.HubSpotId)),
        TextArray(bookings.Select(b => b.BookingId)),
        TextArray(bookings.Select(b => b.MockExamId)),
        TextArray(bookings.Select(b => b.ContactId)),
        TextArray(bookings.Select(b => b.StudentId)),
        TextArray(bookings.Select(b => b.StudentName)),
        TextArray(bookings.Select(b => b.StudentEmail)),
        TextArray(bookings.Select(b => b.BookingStatus)),
        new NpgsqlParameter<bool[]> { TypedValue = [.. bookings.Select(b => b.IsActive)] },
        TextArray(bookings.Select(b => b.Attendance)),
        TextArray(bookings.Select(b => b.AttendingLocation)),
        new NpgsqlParameter<DateOnly?[]> { TypedValue = [.. bookings.Select(b => b.ExamDate)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date },
        TextArray(bookings.Select(b => b.DominantHand)),
        new NpgsqlParameter<DateTimeOffset?[]>
        {
            TypedValue = [.. bookings.Select(b => b.CreatedAt?.ToUniversalTime())],
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz,
        },
        new NpgsqlParameter<DateTimeOffset[]>
        {
            TypedValue = [.. bookings.Select(b => b.LastModifiedAt.ToUniversalTime())],
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz,
        },
        new NpgsqlParameter<bool[]> { TypedValue = [.. bookings.Select(b => b.Archived)] });

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    // Every text column is written in the replica's encoding (ReplicaText).
    private static NpgsqlParameter<string?> Text(string? value) => new() { TypedValue = ReplicaText.Encode(value), NpgsqlDbType = NpgsqlDbType.Text };

    private static NpgsqlParameter<string?[]> TextArray(IEnumerable<string?> values) =>
        new() { TypedValue = [.. values.Select(ReplicaText.Encode)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };

    private static NpgsqlParameter<DateTimeOffset?> Timestamp(DateTimeOffset? value) =>
        new() { TypedValue = value?.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz };
}
