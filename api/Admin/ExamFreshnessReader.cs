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
