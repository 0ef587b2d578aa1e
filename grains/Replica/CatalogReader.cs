using MockExams.Catalog;
using Npgsql;
using NpgsqlTypes;

namespace MockExams.Grains.Replica;

/// <summary>
/// Reads the exam list and the aggregates from the replica, one query each; Postgres builds the response JSON.
/// Soft-deleted exams never count. Filters left null match everything; text filters match exactly.
/// </summary>
public sealed class CatalogReader(ReplicaJson replica)
{
    // $1 is_active ('true'/'false'), $2..$3 exam_date range, $4 mock_type, $5 location; null = no filter.
    private const string Matching = """
        select e.*
        from public.hubspot_mock_exams e
        where e.deleted_at is null
          and ($1::text is null or e.is_active = $1)
          and ($2::date is null or e.exam_date >= $2)
          and ($3::date is null or e.exam_date <= $3)
          and ($4::text is null or e.mock_type = $4)
          and ($5::text is null or e.location = $5)
        """;

    /// <summary>One page of exams with the total count: <c>{"success", "exams", "page", "page_size", "total", "total_pages"}</c>.</summary>
    public async Task<byte[]> ReadListAsync(ExamListQuery query, CancellationToken cancellationToken)
    {
        const string sql = $"""
            with matching as ({Matching}),
            page as (
                select * from matching
                order by exam_date, start_time, hubspot_id
                limit $6 offset $7)
            select json_build_object(
                'success', true,
                'exams', coalesce(
                    (select json_agg({PublicRows.Exam} order by x.exam_date, x.start_time, x.hubspot_id) from page x),
                    '[]'::json),
                'page', $8,
                'page_size', $6,
                'total', c.total,
                'total_pages', (c.total + $6 - 1) / $6)::text
            from (select count(*) as total from matching) c
            """;
        await using var command = replica.CreateCommand(sql);
        AddFilter(command, query.Filter);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = query.PageSize });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = query.Offset });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = query.Page });
        return await replica.QueryAsync(command, "exam-list", cancellationToken)
            ?? throw new InvalidOperationException("The exam list query returned no row.");
    }

    /// <summary>
    /// Per exam date, location and type (sorted so): exams, capacity, booked (<c>total_bookings</c>), seats left
    /// (capacity minus booked, never below zero per exam) and utilisation (booked / capacity, 4 decimals; null
    /// without capacity), plus the same figures over everything that matched.
    /// </summary>
    public async Task<byte[]> ReadAggregatesAsync(ExamFilter filter, CancellationToken cancellationToken)
    {
        const string sql = $"""
            with matching as ({Matching}),
            groups as (
                select exam_date, location, mock_type,
                       count(*) as exams,
                       sum(coalesce(capacity, 0)) as capacity,
                       sum(coalesce(total_bookings, 0)) as booked,
                       sum(greatest(coalesce(capacity, 0) - coalesce(total_bookings, 0), 0)) as seats_left
                from matching
                group by exam_date, location, mock_type)
            select json_build_object(
                'success', true,
                'aggregates', coalesce(json_agg(json_build_object(
                    'exam_date', g.exam_date,
                    'location', g.location,
                    'mock_type', g.mock_type,
                    'exams', g.exams,
                    'capacity', g.capacity,
                    'booked', g.booked,
                    'seats_left', g.seats_left,
                    'utilisation', round(g.booked::numeric / nullif(g.capacity, 0), 4))
                    order by g.exam_date, g.location, g.mock_type), '[]'::json),
                'totals', json_build_object(
                    'exams', coalesce(sum(g.exams), 0),
                    'capacity', coalesce(sum(g.capacity), 0),
                    'booked', coalesce(sum(g.booked), 0),
                    'seats_left', coalesce(sum(g.seats_left), 0),
                    'utilisation', round(sum(g.booked)::numeric / nullif(sum(g.capacity), 0), 4)))::text
            from groups g
            """;
        await using var command = replica.CreateCommand(sql);
        AddFilter(command, filter);
        return await replica.QueryAsync(command, "exam-aggregates", cancellationToken)
            ?? throw new InvalidOperationException("The exam aggregates query returned no row.");
    }

    private static void AddFilter(NpgsqlCommand command, ExamFilter filter)
    {
        command.Parameters.Add(Text(filter.IsActive switch { true => "true", false => "false", null => null }));
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Date, Value = (object?)filter.StartDate ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Date, Value = (object?)filter.EndDate ?? DBNull.Value });
        // Stored text is in the replica's encoding, so the exact match compares encoded values.
        command.Parameters.Add(Text(ReplicaText.Encode(filter.MockType)));
        command.Parameters.Add(Text(ReplicaText.Encode(filter.Location)));
    }

    private static NpgsqlParameter Text(string? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };
}
