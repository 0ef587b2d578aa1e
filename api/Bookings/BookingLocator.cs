using MockExams.Replica;
using Npgsql;

namespace MockExams.Api.Bookings;

/// <summary>Which exam a booking belongs to, from the replica (by <c>booking_id</c> or HubSpot record id).</summary>
public sealed class BookingLocator(NpgsqlDataSource dataSource)
{
    private const string Sql = """
        select distinct on (q.id) q.id, b.mock_exam_id, b.contact_id
        from unnest($1::text[]) as q(id)
        join public.hubspot_bookings b on b.booking_id = q.id or b.hubspot_id = q.id
        where b.mock_exam_id is not null and b.deleted_at is null
        order by q.id, b.booking_id = q.id desc
        """;

    private const string ExamsOfContactSql = """
        select distinct b.mock_exam_id
        from public.hubspot_bookings b
        where b.contact_id = $1 and b.mock_exam_id is not null and b.deleted_at is null
        order by b.mock_exam_id
        """;

    /// <summary>The exam of each id found; ids the replica does not know are left out.</summary>
    public async Task<Dictionary<string, string>> FindExamsAsync(IReadOnlyCollection<string> bookingIds, CancellationToken cancellationToken) =>
        (await FindAsync(bookingIds, contactId: null, cancellationToken)).ToDictionary(f => f.Key, f => f.Value.ExamId, StringComparer.Ordinal);

    /// <summary>
    /// The exam and contact of each id found; ids the replica does not know are left out, and so are bookings of
    /// another contact than <paramref name="contactId"/> when one is given (a student never learns they exist).
    /// </summary>
    /// <remarks>
    /// A replica that does not answer is a <see cref="ReplicaUnavailableException"/> (503 + Retry-After), not a 500: found
    /// by <c>mockexams chaos</c>, where cancels answered 500 while Postgres was unreachable.
    /// </remarks>
    public async Task<Dictionary<string, BookingLocation>> FindAsync(
        IReadOnlyCollection<string> bookingIds, string? contactId, CancellationToken cancellationToken)
    {
        try
        {
            return await QueryAsync(bookingIds, contactId, cancellationToken);
        }
        catch (NpgsqlException ex) when (ex is not PostgresException)
        {
            throw new ReplicaUnavailableException("The replica did not answer which exam the bookings belong to.", ex);
        }
    }

    private async Task<Dictionary<string, BookingLocation>> QueryAsync(
        IReadOnlyCollection<string> bookingIds, string? contactId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. bookingIds] });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        Dictionary<string, BookingLocation> found = new(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            var owner = reader.IsDBNull(2) ? null : reader.GetString(2);
            if (contactId is null || owner == contactId)
            {
                found[reader.GetString(0)] = new BookingLocation(reader.GetString(1), owner);
            }
        }

        return found;
    }

    /// <summary>The exams a contact holds bookings of (not soft-deleted), by id.</summary>
    public async Task<List<string>> ExamsOfContactAsync(string contactId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ExamsOfContactSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = contactId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        List<string> exams = [];
        while (await reader.ReadAsync(cancellationToken))
        {
            exams.Add(reader.GetString(0));
        }

        return exams;
    }
}
