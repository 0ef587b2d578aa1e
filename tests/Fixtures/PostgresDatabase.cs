using System.Net.Sockets;
using MockExams.Grains.Replica;
using MockExams.ServiceDefaults.Connections;
using Npgsql;

namespace MockExams.Tests.Fixtures;

/// <summary>
/// A fresh PostgreSQL database for one test run (or one test), created on the server named by
/// <c>ConnectionStrings__Replica</c>, migrated, and dropped on dispose. Use it as a class,
/// collection or assembly fixture, or through <see cref="CreateAsync"/> for a throwaway database.
/// </summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    public const string AdminConnectionStringVariable = "ConnectionStrings__Replica";

    private const string HowToStart =
        "Run the tests with ./test.sh, which starts a local PostgreSQL and exports ConnectionStrings__Replica, "
        + "or set ConnectionStrings__Replica to a superuser connection string of a running PostgreSQL 15+ server.";

    private readonly bool _migrate;
    private NpgsqlDataSource? _dataSource;

    /// <summary>A migrated database: what xunit constructs for a fixture.</summary>
    public PostgresDatabase()
        : this(migrate: true)
    {
    }

    private PostgresDatabase(bool migrate)
    {
        _migrate = migrate;
        DatabaseName = $"mockexams_test_{Guid.NewGuid():N}"[..31];
    }

    /// <summary>The database's name, unique per instance (<c>mockexams_test_…</c>).</summary>
    public string DatabaseName { get; }

    /// <summary>Connection string of this database, with the admin string's credentials.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>One data source for this database, owned by the fixture.</summary>
    public NpgsqlDataSource DataSource =>
        _dataSource ?? throw new InvalidOperationException("PostgresDatabase is used before InitializeAsync.");

    /// <summary>A created database, migrated unless <paramref name="migrate"/> is false; the caller disposes it.</summary>
    public static async Task<PostgresDatabase> CreateAsync(bool migrate = true, CancellationToken cancellationToken = default)
    {
        var database = new PostgresDatabase(migrate);
        try
        {
            await database.InitializeAsync(cancellationToken);
            return database;
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    /// <summary>Another independent data source for this database (e.g. a second "silo"); the caller disposes it.</summary>
    public NpgsqlDataSource CreateDataSource() => NpgsqlDataSource.Create(ConnectionString);

    public ValueTask InitializeAsync() => new(InitializeAsync(TestContext.Current.CancellationToken));

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var admin = AdminConnectionString();
        await using (var connection = await OpenAdminAsync(admin, cancellationToken))
        await using (var create = new NpgsqlCommand($"CREATE DATABASE {DatabaseName}", connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = DatabaseName }.ConnectionString;
        _dataSource = NpgsqlDataSource.Create(ConnectionString);
        if (_migrate)
        {
            await MigrationRunner.ApplyAsync(_dataSource, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }

        if (ConnectionString is "")
        {
            return;   // never created
        }

        // WITH (FORCE) terminates whatever is still connected (a test's own data source, a silo).
        await using var connection = await OpenAdminAsync(AdminConnectionString(), CancellationToken.None);
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {DatabaseName} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync(CancellationToken.None);
    }

    private static string AdminConnectionString()
    {
        var value = Environment.GetEnvironmentVariable(AdminConnectionStringVariable);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException($"{AdminConnectionStringVariable} is not set. {HowToStart}");
        }

        // The admin database stays the configured one; Npgsql defaults the rest.
        return ReplicaConnectionString.Normalize(value);
    }

    private static async Task<NpgsqlConnection> OpenAdminAsync(string admin, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(admin);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch (Exception ex) when (ex is NpgsqlException or SocketException or TimeoutException)
        {
            await connection.DisposeAsync();
            var server = new NpgsqlConnectionStringBuilder(admin);
            throw new InvalidOperationException(
                $"PostgreSQL at {server.Host}:{server.Port} (from {AdminConnectionStringVariable}) cannot be reached: {ex.Message}. {HowToStart}",
                ex);
        }
    }
}
