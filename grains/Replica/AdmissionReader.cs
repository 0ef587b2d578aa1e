using MockExams.Grains.Exams;
using Npgsql;

namespace MockExams.Grains.Replica;

/// <summary>
/// Loads what the exam grain decides bookings against: the exam row and its active bookings, and whether the
/// replica's first backfill is still filling it.
/// </summary>
public sealed class AdmissionReader(NpgsqlDataSource dataSource, ReplicaMetrics metrics)
{
    private const string ExamSql = """
        select capacity, is_active, exam_date, deleted_at is not null
        from public.hubspot_mock_exams where hubspot_id = $1
        """;

    private const string ActiveBookingsSql = """
        select booking_id, hubspot_id, contact_id from public.hubspot_bookings
        where mock_exam_id = $1 and is_active = 'true' and deleted_at is null
        """;

    // A first backfill is unfinished (its checkpoint is set and none has ever completed): bookings are still arriving.
    private const string FillingSql = """
        select exists (select 1 from public.sync_state
                       where object_type = 'bookings' and backfill_cursor is not null and last_backfill_at is null)
        """;

    private const string ElsewhereSql = """
        select hubspot_id, mock_exam_id from public.hubspot_bookings
        where hubspot_id = any($1) and mock_exam_id is not null and mock_exam_id <> $2
        """;

    /// <summary>
    /// Of these bookings, the ones the replica files under another exam than <paramref name="examId"/>, with that exam:
    /// a booking moved between exams in HubSpot leaves the old exam's seats and lists.
    /// </summary>
    public async Task<IReadOnlyList<(string HubSpotId, string ExamId)>> FiledElsewhereAsync(
        string examId, IReadOnlyCollection<string> bookingHubSpotIds, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ElsewhereSql);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. bookingHubSpotIds] });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = examId });
        metrics.QueryExecuted("admission");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        List<(string, string)> found = [];
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add((reader.GetString(0), reader.GetString(1)));
        }

        return found;
    }

    public async Task<ExamAdmission> LoadAsync(string examId, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand(FillingSql));
        batch.BatchCommands.Add(new NpgsqlBatchCommand(ExamSql) { Parameters = { new NpgsqlParameter<string> { TypedValue = examId } } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand(ActiveBookingsSql) { Parameters = { new NpgsqlParameter<string> { TypedValue = examId } } });
        metrics.QueryExecuted("admission");
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var filling = reader.GetBoolean(0);
        await reader.NextResultAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return ExamAdmission.Missing(filling);
        }

        var admission = new ExamAdmission
        {
            Capacity = reader.IsDBNull(0) ? 0 : reader.GetInt32(0),
            IsActive = !reader.IsDBNull(1) && reader.GetString(1) == "true",
            ExamDate = reader.IsDBNull(2) ? null : reader.GetFieldValue<DateOnly>(2),
            Archived = reader.GetBoolean(3),
            ReplicaFilling = filling,
        };
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var hubSpotId = reader.GetString(1);
            // A booking created in HubSpot's own UI may have no booking_id: its record id stands in for it.
            var bookingId = reader.IsDBNull(0) ? hubSpotId : reader.GetString(0);
            admission.Hold(new ActiveBooking(
                ReplicaText.Decode(bookingId)!, hubSpotId, reader.IsDBNull(2) ? "" : ReplicaText.Decode(reader.GetString(2))!));
        }

        return admission;
    }
}
