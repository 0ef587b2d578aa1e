using MockExams.Replica;
using Npgsql;

namespace MockExams.Api.Bookings;

/// <summary>Which exam a booking belongs to, from the replica (by <c>booking_id</c> or HubSpot record id).</summary>
public sealed class BookingLocator(NpgsqlDataSource dataSource)
{
    private const string Sql = """
        select distinct on (q.id) q.id, b.mock_exam_id
        from unnest($1::text[]) as q(id)
        join public.hubspot_bookings b on b.booking_id = q.id or b.hubspot_id = q.id
        where b.mock_exam_id is not null and b.deleted_at is null
        order by q.id, b.booking_id = q.id desc
        """;

    /// <summary>
    /// The exam of each id found; ids the replica does not know are left out. A replica that does not answer is a
    /// <see cref="ReplicaUnavailableException"/> (503 + Retry-After), not a 500: found by <c>mockexams chaos</c>, where
    /// cancels answered 500 while Postgres was unreachable.
    /// </summary>
    public async Task<Dictionary<string, string>> FindExamsAsync(IReadOnlyCollection<string> bookingIds, CancellationToken cancellationToken)
    {
        try
        {
            return await QueryAsync(bookingIds, cancellationToken);
        }
        catch (NpgsqlException ex) when (ex is not PostgresException)
        {
            throw new ReplicaUnavailableException("The replica did not answer which exam the bookings belong to.", ex);
        }
    }

    private async Task<Dictionary<string, string>> QueryAsync(IReadOnlyCollection<string> bookingIds, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. bookingIds] });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        Dictionary<string, string> exams = new(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            exams[reader.GetString(0)] = reader.GetString(1);
        }

        return exams;
    }
}
