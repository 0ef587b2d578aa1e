using MockExams.Grains.Replica;
using Npgsql;

namespace MockExams.Tests.Fixtures;

/// <summary>
/// A fresh database on the real Postgres that ./test.sh starts (env <c>ConnectionStrings__Replica</c>, used as
/// the admin connection): created with a unique name, migrated, dropped on dispose. A missing or unreachable
/// server fails the run with a message saying how to start it; it never skips.
/// </summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    private static readonly string AdminConnectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Replica")
        ?? throw new InvalidOperationException(
            "ConnectionStrings__Replica is not set. Run the tests through ./test.sh, which starts PostgreSQL, or export "
            + "ConnectionStrings__Replica=Host=...;Username=...;Password=...;Database=postgres (a role that may create databases).");

    public string Name { get; } = $"mockexams_test_{Guid.NewGuid():N}";

    public string ConnectionString { get; } = "";

    public NpgsqlDataSource DataSource { get; private set; } = null!;   // set in InitializeAsync

    public PostgresDatabase() =>
        ConnectionString = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = Name }.ConnectionString;

    /// <summary>Creates the database; <paramref name="migrate"/> false leaves it empty (for migration tests).</summary>
    public async ValueTask InitializeAsync() => await CreateAsync(migrate: true);

    public async Task CreateAsync(bool migrate)
    {
        try
        {
            await using var admin = NpgsqlDataSource.Create(AdminConnectionString);
            await using var create = admin.CreateCommand($"create database \"{Name}\"");
            await create.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException ex) when (ex is not PostgresException)
        {
            throw new InvalidOperationException(
                $"PostgreSQL does not answer at '{new NpgsqlConnectionStringBuilder(AdminConnectionString).Host}'. "
                + "Start it (./test.sh does) and run again.", ex);
        }

        DataSource = NpgsqlDataSource.Create(ConnectionString);
        if (migrate)
        {
            await MigrationRunner.ApplyAsync(DataSource, CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (DataSource is not null)
        {
            await DataSource.DisposeAsync();
        }

        NpgsqlConnection.ClearAllPools();
        await using var admin = NpgsqlDataSource.Create(AdminConnectionString);
        await using var drop = admin.CreateCommand($"drop database if exists \"{Name}\" with (force)");
        await drop.ExecuteNonQueryAsync();
    }
}
