using MockExams.Exams;
using MockExams.Sync;
using Npgsql;

namespace MockExams.Grains.Replica;

/// <summary>
/// What sync reads from the replica: record versions (to skip what is already applied, and to reconcile),
/// rows to turn into tombstones, and table statistics for the status.
/// </summary>
public sealed class SyncReader(NpgsqlDataSource dataSource)
{
    /// <summary>Versions of the given records of <paramref name="objectType"/> (<see cref="SyncObjectTypes"/>); absent ids are left out.</summary>
    public async Task<Dictionary<string, ReplicaVersion>> VersionsAsync(
        string objectType, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(objectType == SyncObjectTypes.Exams
            ? "select hubspot_id, hs_last_modified_at, deleted_at is not null from public.hubspot_mock_exams where hubspot_id = any($1)"
            : "select hubspot_id, hs_last_modified_at, deleted_at is not null from public.hubspot_bookings where hubspot_id = any($1)");
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. ids] });
        return await ReadVersionsAsync(command, cancellationToken);
    }

    /// <summary>Versions of every record of <paramref name="objectType"/> the replica holds, soft-deleted ones included.</summary>
    public async Task<Dictionary<string, ReplicaVersion>> AllVersionsAsync(string objectType, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(objectType == SyncObjectTypes.Exams
            ? "select hubspot_id, hs_last_modified_at, deleted_at is not null from public.hubspot_mock_exams"
            : "select hubspot_id, hs_last_modified_at, deleted_at is not null from public.hubspot_bookings");
        return await ReadVersionsAsync(command, cancellationToken);
    }

    /// <summary>Ids of every exam that is not soft-deleted.</summary>
    public async Task<IReadOnlyList<string>> LiveExamIdsAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "select hubspot_id from public.hubspot_mock_exams where deleted_at is null order by hubspot_id");
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }

    /// <summary>Exams as the replica holds them (for tombstones of records HubSpot no longer returns).</summary>
    public async Task<IReadOnlyList<ExamRecord>> ExamsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            select hubspot_id, mock_exam_name, mock_type, exam_date, start_time, end_time, location, capacity,
                   coalesce(total_bookings, 0), is_active = 'true', created_at, coalesce(hs_last_modified_at, updated_at, synced_at),
                   deleted_at is not null
            from public.hubspot_mock_exams where hubspot_id = any($1)
            """);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. ids] });
        var exams = new List<ExamRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            exams.Add(new ExamRecord(
                reader.GetString(0), Text(reader, 1), Text(reader, 2), Date(reader, 3), Text(reader, 4), Text(reader, 5),
                Text(reader, 6), reader.IsDBNull(7) ? null : reader.GetInt32(7), reader.GetInt32(8),
                !reader.IsDBNull(9) && reader.GetBoolean(9), Time(reader, 10), Time(reader, 11) ?? DateTimeOffset.UnixEpoch,
                reader.GetBoolean(12)));
        }
        return exams;
    }

    /// <summary>Bookings as the replica holds them (for tombstones of records HubSpot no longer returns).</summary>
    public async Task<IReadOnlyList<BookingRecord>> BookingsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            select hubspot_id, coalesce(booking_id, ''), coalesce(mock_exam_id, ''), contact_id, student_id, student_name,
                   student_email, booking_status, is_active = 'true', attendance, attending_location, exam_date, dominant_hand,
                   created_at, coalesce(hs_last_modified_at, updated_at, synced_at), deleted_at is not null
            from public.hubspot_bookings where hubspot_id = any($1)
            """);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. ids] });
        var bookings = new List<BookingRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            bookings.Add(new BookingRecord(
                reader.GetString(0), Text(reader, 1)!, Text(reader, 2)!, Text(reader, 3), Text(reader, 4), Text(reader, 5),
                Text(reader, 6), Text(reader, 7), !reader.IsDBNull(8) && reader.GetBoolean(8), Text(reader, 9), Text(reader, 10),
                Date(reader, 11), Text(reader, 12), Time(reader, 13), Time(reader, 14) ?? DateTimeOffset.UnixEpoch,
                reader.GetBoolean(15)));
        }
        return bookings;
    }

    /// <summary>Row counts, and the median and largest delay between a HubSpot change and its replica write over the last hour.</summary>
    public async Task<ReplicaTableStats> StatsAsync(string objectType, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(objectType == SyncObjectTypes.Exams
            ? """
              select (select count(*) from public.hubspot_mock_exams),
                     (select count(*) from public.hubspot_mock_exams where deleted_at is null),
                     percentile_cont(0.5) within group (order by extract(epoch from synced_at - hs_last_modified_at)),
                     max(extract(epoch from synced_at - hs_last_modified_at))
              from public.hubspot_mock_exams where hs_last_modified_at > now() - interval '1 hour'
              """
            : """
              select (select count(*) from public.hubspot_bookings),
                     (select count(*) from public.hubspot_bookings where deleted_at is null),
                     percentile_cont(0.5) within group (order by extract(epoch from synced_at - hs_last_modified_at)),
                     max(extract(epoch from synced_at - hs_last_modified_at))
              from public.hubspot_bookings where hs_last_modified_at > now() - interval '1 hour'
              """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new ReplicaTableStats(
            reader.GetInt64(0), reader.GetInt64(1),
            reader.IsDBNull(2) ? null : reader.GetDouble(2),
            reader.IsDBNull(3) ? null : (double)reader.GetDecimal(3));
    }

    private static async Task<Dictionary<string, ReplicaVersion>> ReadVersionsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var versions = new Dictionary<string, ReplicaVersion>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            versions[reader.GetString(0)] = new ReplicaVersion(Time(reader, 1), reader.GetBoolean(2));
        }
        return versions;
    }

    private static string? Text(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : ReplicaText.Decode(reader.GetString(ordinal));

    private static DateOnly? Date(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateOnly>(ordinal);

    private static DateTimeOffset? Time(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : new DateTimeOffset(reader.GetFieldValue<DateTime>(ordinal), TimeSpan.Zero);
}
