using MockExams.Sync;
using Npgsql;
using NpgsqlTypes;

namespace MockExams.Grains.Replica;

/// <summary>
/// The <c>replica_quarantine</c> table: records a write set aside after Postgres refused them, so the rest of their
/// commit (and every later one) goes through. A record leaves it when a later write of it succeeds.
/// </summary>
public sealed class ReplicaQuarantine(NpgsqlDataSource dataSource)
{
    public const string Exams = "mock_exams";
    public const string Bookings = "bookings";
    public const string IdempotencyKeys = "idempotency_keys";

    private const string RecordSql = """
        insert into public.replica_quarantine as q (record_type, record_id, exam_id, reason, payload)
        select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
        on conflict (record_type, record_id) do update set
          exam_id = excluded.exam_id, reason = excluded.reason, payload = excluded.payload,
          last_seen_at = now(), attempts = q.attempts + 1
        """;

    // Cheap on the hot path: a primary-key probe per record of the commit, in the commit's own round trip.
    private const string ClearSql = """
        delete from public.replica_quarantine q
        using unnest($1::text[], $2::text[]) as w(record_type, record_id)
        where q.record_type = w.record_type and q.record_id = w.record_id
        """;

    private const string StatusSql = """
        select (select count(*)::int from public.replica_quarantine),
               record_type, record_id, exam_id, reason, first_seen_at, last_seen_at, attempts
        from public.replica_quarantine
        order by last_seen_at desc
        limit $1
        """;

    /// <summary>Quarantines the refused records (or counts another refusal of ones already there).</summary>
    public static NpgsqlBatchCommand Record(IReadOnlyList<RefusedRecord> refused) => Command(RecordSql,
        Texts(refused.Select(r => r.RecordType)), Texts(refused.Select(r => r.RecordId)), Texts(refused.Select(r => r.ExamId)),
        Texts(refused.Select(r => r.Reason)), Texts(refused.Select(r => r.Payload)));

    /// <summary>Takes the written records out of quarantine.</summary>
    public static NpgsqlBatchCommand Clear(IReadOnlyList<(string RecordType, string RecordId)> written) => Command(ClearSql,
        Texts(written.Select(w => w.RecordType)), Texts(written.Select(w => w.RecordId)));

    public async Task<QuarantineStatus> StatusAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(StatusSql);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = QuarantineStatus.ListedAtMost });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var count = 0;
        var records = new List<QuarantinedRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            count = reader.GetInt32(0);
            records.Add(new QuarantinedRecord(
                ReplicaText.Decode(reader.GetString(1))!, ReplicaText.Decode(reader.GetString(2))!,
                reader.IsDBNull(3) ? null : ReplicaText.Decode(reader.GetString(3)), ReplicaText.Decode(reader.GetString(4))!,
                reader.GetFieldValue<DateTimeOffset>(5), reader.GetFieldValue<DateTimeOffset>(6), reader.GetInt32(7)));
        }

        return new QuarantineStatus(count, records);
    }

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    private static NpgsqlParameter<string?[]> Texts(IEnumerable<string?> values) =>
        new() { TypedValue = [.. values.Select(ReplicaText.Encode)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };
}
