using Npgsql;

namespace MockExams.Tests.Fixtures;

/// <summary>Rows written straight into the replica, for read tests that need no HubSpot write.</summary>
public static class ReplicaRows
{
    public static async Task<string> InsertExamAsync(NpgsqlDataSource dataSource, string? hubSpotId = null,
        int capacity = 20, int totalBookings = 0, string location = "Toronto", bool deleted = false)
    {
        var id = hubSpotId ?? Random.Shared.NextInt64(10_000_000_000, 99_999_999_999).ToString();
        await using var command = dataSource.CreateCommand("""
            insert into public.hubspot_mock_exams
              (hubspot_id, mock_exam_name, mock_type, exam_date, start_time, end_time, location, capacity,
               total_bookings, is_active, created_at, updated_at, hs_last_modified_at, deleted_at)
            values ($1, $2, 'Situational Judgment', date '2027-03-14', '09:00', '12:00', $3, $4, $5, 'true',
                    now(), now(), now(), case when $6 then now() end)
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = $"SJ Mock {location} {id[^4..]}" });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = location });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = capacity });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = totalBookings });
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = deleted });
        await command.ExecuteNonQueryAsync();
        return id;
    }
}
