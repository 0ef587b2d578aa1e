using System.Globalization;
using Npgsql;

namespace MockExams.Tests.Fixtures;

/// <summary>
/// Replica rows for read tests, written straight into Postgres (no HubSpot write involved). Every test gives its
/// exams a location of its own (<see cref="NewLocation"/>), so list and aggregate tests never see each other's rows.
/// </summary>
internal static class ReadRows
{
    public static string NewLocation() => $"Loc-{Guid.NewGuid():N}";

    public static async Task<string> InsertExamAsync(NpgsqlDataSource dataSource, string location,
        DateOnly? date = null, string mockType = "Situational Judgment", string startTime = "09:00", bool active = true,
        int capacity = 20, int totalBookings = 0, bool deleted = false, string? name = null)
    {
        var id = Random.Shared.NextInt64(10_000_000_000, 99_999_999_999).ToString(CultureInfo.InvariantCulture);
        await using var command = dataSource.CreateCommand("""
            insert into public.hubspot_mock_exams
              (hubspot_id, mock_exam_name, mock_type, exam_date, start_time, end_time, location, capacity,
               total_bookings, is_active, created_at, updated_at, hs_last_modified_at, deleted_at)
            values ($1, $2, $3, $4, $5, '12:00', $6, $7, $8, $9, now(), now(), now(), case when $10 then now() end)
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name ?? $"Mock {id}" });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = mockType });
        command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = date ?? new DateOnly(2027, 3, 14) });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = startTime });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = location });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = capacity });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = totalBookings });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = active ? "true" : "false" });
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = deleted });
        await command.ExecuteNonQueryAsync();
        return id;
    }

    /// <summary>Inserts one booking of the exam; <paramref name="minute"/> orders bookings by creation time.</summary>
    public static async Task<string> InsertBookingAsync(NpgsqlDataSource dataSource, string examId, int minute,
        bool active = true, bool deleted = false)
    {
        var id = Random.Shared.NextInt64(10_000_000_000, 99_999_999_999).ToString(CultureInfo.InvariantCulture);
        await using var command = dataSource.CreateCommand("""
            insert into public.hubspot_bookings
              (hubspot_id, booking_id, mock_exam_id, contact_id, student_id, student_name, student_email,
               booking_status, is_active, attendance, attending_location, exam_date, dominant_hand,
               created_at, updated_at, hs_last_modified_at, deleted_at)
            values ($1, 'BK-' || $1, $2, 'C-' || $1, 'S-' || $1, 'Student ' || $1, 's' || $1 || '@example.com',
                    case when $3 then 'Booked' else 'Cancelled' end, case when $3 then 'true' else 'false' end,
                    null, 'Toronto', date '2027-03-14', 'right',
                    timestamptz '2027-01-01 00:00:00+00' + make_interval(mins => $4), now(), now(),
                    case when $5 then now() end)
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = examId });
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = active });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = minute });
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = deleted });
        await command.ExecuteNonQueryAsync();
        return id;
    }

    /// <summary>An exam with <paramref name="count"/> active bookings (and total_bookings to match).</summary>
    public static async Task<string> InsertExamWithBookingsAsync(NpgsqlDataSource dataSource, int count, string? location = null)
    {
        var examId = await InsertExamAsync(dataSource, location ?? NewLocation(), capacity: count + 10, totalBookings: count);
        for (var i = 0; i < count; i++)
        {
            await InsertBookingAsync(dataSource, examId, minute: i);
        }

        return examId;
    }

    /// <summary>What a write does to the replica row (the write path's commit), with no HubSpot call.</summary>
    public static async Task RenameExamAsync(NpgsqlDataSource dataSource, string examId, string name)
    {
        await using var command = dataSource.CreateCommand(
            "update public.hubspot_mock_exams set mock_exam_name = $2, updated_at = now() where hubspot_id = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = examId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        await command.ExecuteNonQueryAsync();
    }
}
