using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace MockExams.Grains.Replica;

/// <summary>
/// Applies <c>supabase/migrations</c> to the replica, each exactly once, recording them where the
/// Supabase CLI does (<c>supabase_migrations.schema_migrations</c>) so that <c>supabase db push</c>
/// and the silo agree on what was applied.
/// </summary>
/// <remarks>
/// Each migration runs in its own transaction together with its record row, under a
/// transaction-scoped advisory lock: silos starting at once queue behind each other, and the one
/// that gets the lock second finds the record and skips. Transaction-scoped locks also hold through
/// a transaction-mode pooler, where a session lock could be taken on one server connection and
/// released on another.
/// </remarks>
public sealed partial class MigrationRunner(NpgsqlDataSource dataSource, ILogger<MigrationRunner> logger)
{
    // "MockExam" in ASCII: one lock for every process applying migrations to this database.
    private const long AdvisoryLockKey = 0x4D6F_636B_4578_616D;

    // Waiting for another silo's migration and rewriting a large table both take time; a hung
    // lock still ends the start instead of blocking it forever.
    private const int CommandTimeoutSeconds = 600;

    /// <summary>Applies the embedded migrations not yet recorded; returns those this call applied.</summary>
    public static Task<IReadOnlyList<Migration>> ApplyAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken) =>
        new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync(Migration.Embedded, cancellationToken);

    /// <summary>Applies <paramref name="migrations"/> (in version order) not yet recorded; returns those this call applied.</summary>
    public async Task<IReadOnlyList<Migration>> ApplyAsync(IReadOnlyList<Migration> migrations, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var recorded = await PrepareHistoryAsync(connection, cancellationToken);

        var applied = new List<Migration>();
        foreach (var migration in migrations.OrderBy(m => m.Version, StringComparer.Ordinal))
        {
            if (recorded.Contains(migration.Version))
            {
                continue;
            }

            if (await ApplyOneAsync(connection, migration, cancellationToken))
            {
                applied.Add(migration);
            }
        }

        LogUpToDate(logger, migrations.Count, applied.Count);
        return applied;
    }

    // Creates the CLI's history table when absent (the CLI creates the same one) and reads what it holds.
    private static async Task<HashSet<string>> PrepareHistoryAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockAsync(connection, transaction, cancellationToken);
        await using (var create = new NpgsqlCommand(
            """
            CREATE SCHEMA IF NOT EXISTS supabase_migrations;
            CREATE TABLE IF NOT EXISTS supabase_migrations.schema_migrations (version text PRIMARY KEY);
            ALTER TABLE supabase_migrations.schema_migrations
                ADD COLUMN IF NOT EXISTS statements text[],
                ADD COLUMN IF NOT EXISTS name text;
            """, connection, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var recorded = new HashSet<string>(StringComparer.Ordinal);
        await using (var select = new NpgsqlCommand("SELECT version FROM supabase_migrations.schema_migrations", connection, transaction))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                recorded.Add(reader.GetString(0));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return recorded;
    }

    // True when this call applied the migration, false when another process had meanwhile.
    private async Task<bool> ApplyOneAsync(NpgsqlConnection connection, Migration migration, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockAsync(connection, transaction, cancellationToken);

        await using (var check = new NpgsqlCommand(
            "SELECT EXISTS (SELECT FROM supabase_migrations.schema_migrations WHERE version = @version)", connection, transaction))
        {
            check.Parameters.AddWithValue("version", migration.Version);
            if ((bool)(await check.ExecuteScalarAsync(cancellationToken))!)   // EXISTS always answers one boolean
            {
                await transaction.CommitAsync(cancellationToken);
                LogAppliedElsewhere(logger, migration.Version, migration.Name);
                return false;
            }
        }

        LogApplying(logger, migration.Version, migration.Name);
        var stopwatch = Stopwatch.StartNew();
        try
        {
            await using (var apply = new NpgsqlCommand(migration.Sql, connection, transaction) { CommandTimeout = CommandTimeoutSeconds })
            {
                await apply.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var record = new NpgsqlCommand(
                """
                INSERT INTO supabase_migrations.schema_migrations (version, name, statements)
                VALUES (@version, @name, @statements)
                """, connection, transaction))
            {
                record.Parameters.AddWithValue("version", migration.Version);
                record.Parameters.AddWithValue("name", migration.Name);
                // The CLI stores the file split into statements; we store it whole, which says the same.
                record.Parameters.AddWithValue("statements", new[] { migration.Sql });
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch (PostgresException ex)
        {
            // The transaction rolls back: nothing of this migration stays, and the next start retries it.
            LogFailed(logger, migration.Version, migration.Name, ex);
            throw;
        }

        LogApplied(logger, migration.Version, migration.Name, stopwatch.Elapsed);
        return true;
    }

    private static async Task LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction)
        {
            CommandTimeout = CommandTimeoutSeconds,
        };
        command.Parameters.AddWithValue("key", AdvisoryLockKey);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
