using MockExams.Grains.Replica;
using MockExams.Tests.Fixtures;
using Npgsql;

namespace MockExams.Tests.Grains.Replica;

public sealed class RowLevelSecurityTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static readonly string[] ApiRoles = ["anon", "authenticated"];

    [Fact]
    public async Task EveryTableInPublic_HasRowLevelSecurityEnabled()
    {
        var ct = TestContext.Current.CancellationToken;

        var tables = await QueryAsync(database.DataSource, """
            SELECT c.relname, c.relrowsecurity
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
            ORDER BY c.relname
            """, reader => (Name: reader.GetString(0), Rls: reader.GetBoolean(1)), ct);

        Assert.Superset(
            new HashSet<string>
            {
                "hubspot_mock_exams", "hubspot_bookings", "idempotency_keys", "sync_state", "sync_runs",
                "webhook_events", "orleansquery", "orleans_storage", "orleans_reminders",
            },
            tables.Select(t => t.Name).ToHashSet());
        Assert.Empty(tables.Where(t => !t.Rls).Select(t => t.Name));
    }

    [Fact]
    public async Task OnSupabase_MigrationsRevokeEveryGrantOfTheApiRoles_NowAndForLaterTables()
    {
        var ct = TestContext.Current.CancellationToken;
        // anon and authenticated exist on Supabase only. Roles are cluster-wide, so they stay for the
        // rest of the run: harmless, every later migration then takes the Supabase path too.
        await EnsureSupabaseRolesAsync(database.DataSource, ct);
        await using var supabase = await PostgresDatabase.CreateAsync(migrate: false, ct);
        // What a Supabase project granted before its 2026 change: everything in public, now and by default.
        await ExecuteAsync(supabase.DataSource, SeedSchema.Sql + """

            GRANT ALL ON ALL TABLES IN SCHEMA public TO anon, authenticated;
            ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON TABLES TO anon, authenticated;
            ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON SEQUENCES TO anon, authenticated;
            ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON FUNCTIONS TO anon, authenticated;
            """, ct);

        await MigrationRunner.ApplyAsync(supabase.DataSource, ct);
        await ExecuteAsync(supabase.DataSource, "CREATE TABLE public.created_later (id int)", ct);

        var tableGrants = await QueryAsync(supabase.DataSource, """
            SELECT r.rolname || ' holds a privilege on ' || c.relname
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace CROSS JOIN pg_roles r
            WHERE n.nspname = 'public' AND r.rolname = ANY (@roles)
              AND CASE WHEN c.relkind = 'S'
                    THEN has_sequence_privilege(r.oid, c.oid, 'USAGE, SELECT, UPDATE')
                    ELSE has_table_privilege(r.oid, c.oid, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER')
                  END
              AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
            """, reader => reader.GetString(0), ct, ("roles", ApiRoles));
        Assert.Empty(tableGrants);
        var executable = await QueryAsync(supabase.DataSource, """
            SELECT r.rolname || ' may execute ' || p.oid::regprocedure::text
            FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace CROSS JOIN pg_roles r
            WHERE n.nspname = 'public' AND r.rolname = ANY (@roles) AND has_function_privilege(r.oid, p.oid, 'EXECUTE')
            """, reader => reader.GetString(0), ct, ("roles", ApiRoles));
        Assert.Empty(executable);
    }

    private static async Task EnsureSupabaseRolesAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        foreach (var role in ApiRoles)
        {
            try
            {
                await ExecuteAsync(dataSource, $"""
                    DO $$ BEGIN
                        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') THEN CREATE ROLE {role} NOLOGIN; END IF;
                    END $$;
                    """, ct);
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DuplicateObject or PostgresErrorCodes.UniqueViolation)
            {
                // Another run created it between the check and the CREATE.
            }
        }
    }

    private static async Task<List<T>> QueryAsync<T>(
        NpgsqlDataSource dataSource, string sql, Func<NpgsqlDataReader, T> read, CancellationToken ct,
        params (string Name, object Value)[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(ct);
    }
}
