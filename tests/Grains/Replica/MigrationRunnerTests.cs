using Microsoft.Extensions.Logging.Abstractions;
using MockExams.Grains.Replica;
using MockExams.Tests.Fixtures;
using Npgsql;

namespace MockExams.Tests.Grains.Replica;

public sealed class MigrationRunnerTests
{
    [Fact]
    public void EmbeddedMigrations_AreOrderedByUniqueVersion()
    {
        var versions = Migration.Embedded.Select(m => m.Version).ToList();

        Assert.NotEmpty(versions);
        Assert.Equal(versions.Order(StringComparer.Ordinal), versions);
        Assert.Equal(versions.Count, versions.Distinct().Count());
    }

    [Fact]
    public async Task Apply_OnAnEmptyDatabase_RecordsEachMigrationAsTheSupabaseCliDoes()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await PostgresDatabase.CreateAsync(migrate: false, ct);

        var applied = await MigrationRunner.ApplyAsync(database.DataSource, ct);

        Assert.Equal(Migration.Embedded, applied);
        var recorded = await RecordedAsync(database.DataSource, ct);
        Assert.Equal(
            Migration.Embedded.Select(m => (m.Version, m.Name, m.Sql)),
            recorded.Select(r => (r.Version, r.Name, Assert.Single(r.Statements))));
    }

    [Fact]
    public async Task Apply_Twice_SecondRunAppliesNothingAndChangesNoRecord()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await PostgresDatabase.CreateAsync(migrate: true, ct);
        var before = await RecordedAsync(database.DataSource, ct);

        var applied = await MigrationRunner.ApplyAsync(database.DataSource, ct);

        Assert.Empty(applied);
        var after = await RecordedAsync(database.DataSource, ct);
        Assert.Equal(before.Select(r => (r.Version, r.Name)), after.Select(r => (r.Version, r.Name)));
    }

    [Fact]
    public async Task Apply_WhenHistoryWasLost_RerunsEveryScriptWithoutErrorOrDataLoss()
    {
        // `supabase db push` on a database with another history, or someone pasting a file into the
        // SQL editor twice: each script must be safe to run again on its own result.
        var ct = TestContext.Current.CancellationToken;
        await using var database = await PostgresDatabase.CreateAsync(migrate: true, ct);
        await ExecuteAsync(database.DataSource, """
            INSERT INTO public.hubspot_mock_exams (hubspot_id, exam_date, updated_at)
            VALUES ('exam-1', '2025-04-15', '2025-03-02 08:15:30+00');
            DELETE FROM supabase_migrations.schema_migrations;
            """, ct);

        var applied = await MigrationRunner.ApplyAsync(database.DataSource, ct);

        Assert.Equal(Migration.Embedded.Count, applied.Count);
        await using var command = database.DataSource.CreateCommand(
            "SELECT exam_date, updated_at FROM public.hubspot_mock_exams WHERE hubspot_id = 'exam-1'");
        await using var reader = await command.ExecuteReaderAsync(ct);
        Assert.True(await reader.ReadAsync(ct));
        Assert.Equal(new DateOnly(2025, 4, 15), reader.GetFieldValue<DateOnly>(0));
        Assert.Equal(new DateTime(2025, 3, 2, 8, 15, 30, DateTimeKind.Utc), reader.GetDateTime(1));
    }

    [Fact]
    public async Task Apply_TwoRunnersRacing_ApplyEachMigrationExactlyOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await PostgresDatabase.CreateAsync(migrate: false, ct);
        await using var silo1 = database.CreateDataSource();
        await using var silo2 = database.CreateDataSource();

        var results = await Task.WhenAll(MigrationRunner.ApplyAsync(silo1, ct), MigrationRunner.ApplyAsync(silo2, ct));

        var versions = results.SelectMany(applied => applied.Select(m => m.Version)).Order(StringComparer.Ordinal);
        Assert.Equal(Migration.Embedded.Select(m => m.Version), versions);
        Assert.Equal(Migration.Embedded.Count, (await RecordedAsync(database.DataSource, ct)).Count);
    }

    [Fact]
    public async Task Apply_WhenAMigrationFails_RollsItBackAndRecordsNothingForIt()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await PostgresDatabase.CreateAsync(migrate: true, ct);
        var runner = new MigrationRunner(database.DataSource, NullLogger<MigrationRunner>.Instance);
        Migration[] broken =
        [
            new("29991231000000", "half_done", "CREATE TABLE public.half_done (id int); SELECT 1 / 0;"),
        ];

        await Assert.ThrowsAsync<PostgresException>(() => runner.ApplyAsync(broken, ct));

        Assert.DoesNotContain(await RecordedAsync(database.DataSource, ct), r => r.Version == "29991231000000");
        await using var command = database.DataSource.CreateCommand("SELECT to_regclass('public.half_done') IS NULL");
        Assert.True((bool)(await command.ExecuteScalarAsync(ct))!);
    }

    private static async Task<List<(string Version, string Name, string[] Statements)>> RecordedAsync(
        NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var rows = new List<(string, string, string[])>();
        await using var command = dataSource.CreateCommand(
            "SELECT version, name, statements FROM supabase_migrations.schema_migrations ORDER BY version");
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetFieldValue<string[]>(2)));
        }

        return rows;
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(ct);
    }
}
