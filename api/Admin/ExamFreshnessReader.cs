using MockExams.Replica;
using Npgsql;

namespace MockExams.Api.Admin;

/// <summary>
/// The replica's sync times of every exam, for staff. Public rows leave <c>synced_at</c> out (one contract for
/// every reader), so the admin dashboard reads them here, straight from the replica: a cached copy would hide
/// the very lag it shows.
/// </summary>
public sealed class ExamFreshnessReader(NpgsqlDataSource dataSource, TimeProvider clock)
{
    private const string Sql = """
        select hubspot_id, synced_at, hs_last_modified_at
        from public.hubspot_mock_exams
        where deleted_at is null
        order by exam_date nulls last, hubspot_id
        """;

    private const string BookingsSql = """
        select b.hubspot_id, b.booking_id, b.synced_at, b.hs_last_modified_at
        from public.hubspot_mock_exams e
        left join public.hubspot_bookings b on b.mock_exam_id = e.hubspot_id and b.deleted_at is null
        where e.hubspot_id = $1 and e.deleted_at is null
        order by b.created_at nulls last, b.hubspot_id
        """;

    /// <summary>The sync times of an exam's bookings; null when the replica holds no such exam.</summary>
    public async Task<BookingFreshnessList?> ReadBookingsAsync(string examId, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = dataSource.CreateCommand(BookingsSql);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = examId });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var examFound = false;
            List<BookingFreshness> bookings = [];
            while (await reader.ReadAsync(cancellationToken))
            {
                examFound = true;   // one row per booking, or one row of nulls for an exam without bookings
                if (!reader.IsDBNull(0))
                {
                    bookings.Add(BookingFreshness.From(
                        reader.GetString(0),
                        reader.IsDBNull(1) ? null : reader.GetString(1),
                        reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2),
                        reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3)));
                }
            }

            return examFound ? new BookingFreshnessList(true, clock.GetUtcNow(), examId, bookings) : null;
        }
        catch (NpgsqlException ex) when (ex is not PostgresException)
        {
            throw new ReplicaUnavailableException("The replica did not answer the bookings' sync times.", ex);
        }
    }

    public async Task<ExamFreshnessList> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var command = dataSource.CreateCommand(Sql);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            List<ExamFreshness> exams = [];
            while (await reader.ReadAsync(cancellationToken))
            {
                exams.Add(ExamFreshness.From(
                    reader.GetString(0),
                    reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1),
                    reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2)));
            }

            return new ExamFreshnessList(true, clock.GetUtcNow(), exams);
        }
        catch (NpgsqlException ex) when (ex is not PostgresException)
        {
            throw new ReplicaUnavailableException("The replica did not answer the exams' sync times.", ex);
        }
    }
}
