using MockExams.Exams;
using Npgsql;

namespace MockExams.Grains.Replica;

/// <summary>
/// Reads one exam's responses from the replica. Postgres builds the JSON itself (<c>row_to_json</c> keeps the
/// replica's snake_case columns in table order), so a miss costs one query and no object mapping.
/// </summary>
public sealed class ExamReader(ReplicaJson replica)
{
    /// <summary>The seed's <c>{"success": true, "exam": {...}}</c> body, or null when absent or soft-deleted.</summary>
    public async Task<byte[]?> GetExamBodyAsync(string examId, CancellationToken cancellationToken)
    {
        const string sql = """
            select json_build_object('success', true, 'exam', row_to_json(e))::text
            from public.hubspot_mock_exams e
            where e.hubspot_id = $1 and e.deleted_at is null
            """;
        await using var command = replica.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = examId });
        return await replica.QueryAsync(command, "exam", cancellationToken);
    }

    /// <summary>
    /// The seed's <c>{"success": true, "bookings": [...]}</c> body: the exam's bookings that are not soft-deleted,
    /// oldest first, filtered by status. Null when the exam itself is absent or soft-deleted (one query either way).
    /// </summary>
    public async Task<byte[]?> GetBookingsBodyAsync(string examId, BookingStatusFilter status, CancellationToken cancellationToken)
    {
        const string sql = """
            select case when exists (
                    select from public.hubspot_mock_exams e where e.hubspot_id = $1 and e.deleted_at is null)
                then json_build_object('success', true, 'bookings', coalesce(
                    (select json_agg(row_to_json(b) order by b.created_at nulls last, b.hubspot_id)
                     from public.hubspot_bookings b
                     where b.mock_exam_id = $1 and b.deleted_at is null
                       and case $2
                             when 'active' then b.is_active = 'true'
                             when 'cancelled' then b.is_active is distinct from 'true'
                             else true
                           end),
                    '[]'::json))::text
            end
            """;
        await using var command = replica.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = examId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = StatusCondition(status) });
        return await replica.QueryAsync(command, "bookings", cancellationToken);
    }

    private static string StatusCondition(BookingStatusFilter status) => status switch
    {
        BookingStatusFilter.All => "all",
        BookingStatusFilter.Active => "active",
        BookingStatusFilter.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown booking status filter."),
    };
}
