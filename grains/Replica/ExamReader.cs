using MockExams.Exams;
using Npgsql;

namespace MockExams.Grains.Replica;

/// <summary>
/// Reads one exam's responses from the replica. Postgres builds the JSON itself (the columns of
/// <see cref="PublicRows"/>), so a miss costs one query and no object mapping.
/// </summary>
public sealed class ExamReader(ReplicaJson replica)
{
    /// <summary>The seed's <c>{"success": true, "exam": {...}}</c> body, or null when absent or soft-deleted.</summary>
    public async Task<byte[]?> GetExamBodyAsync(string examId, CancellationToken cancellationToken)
    {
        const string sql = $"""
            select json_build_object('success', true, 'exam', {PublicRows.Exam})::text
            from public.hubspot_mock_exams x
            where x.hubspot_id = $1 and x.deleted_at is null
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
        const string sql = $"""
            select case when exists (
                    select from public.hubspot_mock_exams e where e.hubspot_id = $1 and e.deleted_at is null)
                then json_build_object('success', true, 'bookings', coalesce(
                    (select json_agg({PublicRows.Booking} order by x.created_at nulls last, x.hubspot_id)
                     from public.hubspot_bookings x
                     where x.mock_exam_id = $1 and x.deleted_at is null
                       and case $2
                             when 'active' then x.is_active = 'true'
                             when 'cancelled' then x.is_active is distinct from 'true'
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
