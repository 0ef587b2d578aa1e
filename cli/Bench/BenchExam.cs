using Npgsql;

namespace MockExams.Cli.Bench;

/// <summary>
/// The benchmark's exam when none is given: <c>readbench-50</c> with 50 active bookings, upserted straight into the
/// replica (a development fixture, not a HubSpot record: reconciliation would soft-delete it, and the next
/// benchmark puts it back). The same rows every time, so its response bytes are the same every run.
/// </summary>
public static class BenchExam
{
    public const string Id = "readbench-50";
    public const int Bookings = 50;

    public static async Task<string> EnsureAsync(string replicaConnectionString, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(replicaConnectionString);
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            insert into public.hubspot_mock_exams
              (hubspot_id, mock_exam_name, mock_type, exam_date, start_time, end_time, location, capacity,
               total_bookings, is_active, created_at, updated_at, hs_last_modified_at)
            values ($1, 'Read benchmark', 'Situational Judgment', date '2030-01-15', '09:00', '12:00', 'Benchmark Hall',
                    $2 + 10, $2, 'true', timestamptz '2030-01-01 00:00+00', timestamptz '2030-01-01 00:00+00',
                    timestamptz '2030-01-01 00:00+00')
            on conflict (hubspot_id) do update set deleted_at = null
            """)
        {
            Parameters = { new NpgsqlParameter<string> { TypedValue = Id }, new NpgsqlParameter<int> { TypedValue = Bookings } },
        });
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            insert into public.hubspot_bookings
              (hubspot_id, booking_id, mock_exam_id, contact_id, student_id, student_name, student_email, booking_status,
               is_active, attending_location, exam_date, dominant_hand, created_at, updated_at, hs_last_modified_at)
            select $1 || '-' || n, $1 || '-BK-' || n, $1, 'contact-' || n, 'student-' || n, 'Student ' || n,
                   'student' || n || '@example.com', 'Booked', 'true', 'Benchmark Hall', date '2030-01-15',
                   case when n % 10 = 0 then 'left' else 'right' end,
                   timestamptz '2030-01-01 00:00+00' + make_interval(mins => n), timestamptz '2030-01-01 00:00+00',
                   timestamptz '2030-01-01 00:00+00'
            from generate_series(1, $2) n
            on conflict (hubspot_id) do update set deleted_at = null
            """)
        {
            Parameters = { new NpgsqlParameter<string> { TypedValue = Id }, new NpgsqlParameter<int> { TypedValue = Bookings } },
        });
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return Id;
    }
}
