using MockExams.Grains.Replica;
using MockExams.Tests.Fixtures;
using Npgsql;

namespace MockExams.Tests.Grains.Replica;

public sealed class SeedMigrationTests
{
    private const string SeedRows = """
        INSERT INTO public.hubspot_mock_exams
            (hubspot_id, mock_exam_name, mock_type, exam_date, start_time, end_time, location, capacity,
             total_bookings, is_active, created_at, updated_at, synced_at)
        VALUES
            ('exam-1', 'Mock A', 'Situational Judgment', '2025-04-15', '09:00', '12:00', 'Calgary', 20, 2, 'true',
             '2025-03-01 14:30:00', '2025-03-02 08:15:30.123456', '2025-03-02 09:00:00'),
            ('exam-2', 'Mock B', 'Clinical Skills', '2025-12-31', '13:00', '17:00', 'Vancouver', 8, 0, 'false',
             '2025-11-30 23:59:59.999999', NULL, '2025-12-01 00:00:00');
        INSERT INTO public.hubspot_mock_exams (hubspot_id) VALUES ('exam-3');

        INSERT INTO public.hubspot_bookings
            (hubspot_id, booking_id, mock_exam_id, contact_id, student_id, student_name, student_email,
             booking_status, is_active, attendance, attending_location, exam_date, dominant_hand,
             created_at, updated_at, synced_at)
        VALUES
            ('booking-1', 'BK-0001', 'exam-1', 'contact-1', 'S-1', 'Ada Lovelace', 'ada@example.com',
             'Active', 'true', NULL, 'Calgary', '2025-04-15 00:00:00', 'right',
             '2025-03-03 10:00:00', '2025-03-03 10:05:00.5', '2025-03-03 10:06:00'),
            ('booking-2', 'BK-0002', 'exam-1', 'contact-2', 'S-2', 'Alan Turing', 'alan@example.com',
             'Cancelled', 'false', 'absent', 'Calgary', '2025-04-15 00:00:00', 'left',
             '2025-03-04 23:30:00', '2025-03-05 00:30:00', '2025-03-05 00:31:00'),
            ('booking-3', NULL, 'exam-2', 'contact-1', NULL, NULL, NULL,
             NULL, NULL, NULL, NULL, '2025-06-30 23:30:00', NULL,
             NULL, NULL, NULL);
        """;

    [Fact]
    public async Task Migrations_AfterTheSeedSqlWithRows_KeepEveryRowAndValue()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await PostgresDatabase.CreateAsync(migrate: false, ct);
        await ExecuteAsync(database.DataSource, SeedSchema.Sql + SeedRows, ct);
        // Values of `timestamp` columns are UTC by the seed's convention; a migration that read them in
        // the session time zone would shift them, so give new sessions a zone far from UTC.
        await ExecuteAsync(database.DataSource, $"ALTER DATABASE {database.DatabaseName} SET TimeZone = 'America/New_York'", ct);
        var examsBefore = await SnapshotAsync(database.DataSource, "hubspot_mock_exams", ct);
        var bookingsBefore = await SnapshotAsync(database.DataSource, "hubspot_bookings", ct);

        await using var migrating = database.CreateDataSource();
        await MigrationRunner.ApplyAsync(migrating, ct);

        var examsAfter = await SnapshotAsync(database.DataSource, "hubspot_mock_exams", ct);
        var bookingsAfter = await SnapshotAsync(database.DataSource, "hubspot_bookings", ct);
        AssertSameRows(examsBefore, examsAfter, dateColumns: []);
        AssertSameRows(bookingsBefore, bookingsAfter, dateColumns: ["exam_date"]);
    }

    [Fact]
    public async Task Migrations_AfterTheSeedSql_GiveTheTargetColumnTypes()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await PostgresDatabase.CreateAsync(migrate: false, ct);
        await ExecuteAsync(database.DataSource, SeedSchema.Sql + SeedRows, ct);

        await MigrationRunner.ApplyAsync(database.DataSource, ct);

        var types = await ColumnTypesAsync(database.DataSource, ct);
        foreach (var table in new[] { "hubspot_mock_exams", "hubspot_bookings" })
        {
            foreach (var column in new[] { "created_at", "updated_at", "synced_at", "hs_last_modified_at", "deleted_at" })
            {
                Assert.Equal("timestamp with time zone", types[(table, column)]);
            }

            Assert.Equal("date", types[(table, "exam_date")]);
            Assert.Equal("uuid", types[(table, "id")]);
            Assert.Equal("text", types[(table, "hubspot_id")]);
        }
    }

    [Fact]
    public async Task Migrations_AfterTheSeedSql_ReplaceTheSeedsRedundantIndexes()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await PostgresDatabase.CreateAsync(migrate: false, ct);
        await ExecuteAsync(database.DataSource, SeedSchema.Sql, ct);

        await MigrationRunner.ApplyAsync(database.DataSource, ct);

        var indexes = await IndexNamesAsync(database.DataSource, ct);
        Assert.DoesNotContain("idx_bookings_hubspot_id", indexes);
        Assert.DoesNotContain("idx_exams_hubspot_id", indexes);
        Assert.DoesNotContain("idx_bookings_exam_id", indexes);
        Assert.Contains("hubspot_bookings_hubspot_id_key", indexes);
        Assert.Contains("hubspot_mock_exams_hubspot_id_key", indexes);
        Assert.Contains("idx_bookings_exam_status", indexes);
    }

    // Every column of every row, by hubspot_id, as Npgsql reads it.
    private static async Task<Dictionary<string, Dictionary<string, object?>>> SnapshotAsync(
        NpgsqlDataSource dataSource, string table, CancellationToken ct)
    {
        var rows = new Dictionary<string, Dictionary<string, object?>>();
        await using var command = dataSource.CreateCommand($"SELECT * FROM public.{table}");
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var row = new Dictionary<string, object?>();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows[(string)row["hubspot_id"]!] = row;
        }

        return rows;
    }

    private static void AssertSameRows(
        Dictionary<string, Dictionary<string, object?>> before,
        Dictionary<string, Dictionary<string, object?>> after,
        string[] dateColumns)
    {
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        foreach (var (hubspotId, oldRow) in before)
        {
            var newRow = after[hubspotId];
            Assert.Null(newRow["hs_last_modified_at"]);
            Assert.Null(newRow["deleted_at"]);
            foreach (var (column, oldValue) in oldRow)
            {
                object? expected = oldValue switch
                {
                    // timestamp (UTC by convention) -> date: the same calendar day.
                    DateTime value when dateColumns.Contains(column) => DateOnly.FromDateTime(value),
                    // timestamp (UTC by convention) -> timestamptz: the same instant, read back as UTC.
                    DateTime value => DateTime.SpecifyKind(value, DateTimeKind.Utc),
                    _ => oldValue,
                };
                var actual = newRow[column];
                Assert.True(
                    Equals(expected, actual) && (actual is not DateTime time || time.Kind == ((DateTime)expected!).Kind),
                    $"{hubspotId}.{column}: expected {Describe(expected)}, found {Describe(actual)}");
            }
        }
    }

    private static string Describe(object? value) => value switch
    {
        null => "null",
        DateTime time => $"{time:O} ({time.Kind})",
        _ => $"{value} ({value.GetType().Name})",
    };

    private static async Task<Dictionary<(string Table, string Column), string>> ColumnTypesAsync(
        NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var types = new Dictionary<(string, string), string>();
        await using var command = dataSource.CreateCommand(
            "SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'public'");
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            types[(reader.GetString(0), reader.GetString(1))] = reader.GetString(2);
        }

        return types;
    }

    private static async Task<List<string>> IndexNamesAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var names = new List<string>();
        await using var command = dataSource.CreateCommand("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'");
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(ct);
    }
}
