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

    /// <summary>The exam of each id found; ids the replica does not know are left out.</summary>
    public async Task<Dictionary<string, string>> FindExamsAsync(IReadOnlyCollection<string> bookingIds, CancellationToken cancellationToken)
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
