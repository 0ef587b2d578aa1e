using Npgsql;

namespace MockExams.ServiceDefaults.Connections;

/// <summary>Fills in the Npgsql settings the replica needs when the configured connection string leaves them out.</summary>
public static class ReplicaConnectionString
{
    /// <summary>Supabase's transaction-mode pooler port (Supavisor, or the dedicated PgBouncer).</summary>
    private const int TransactionPoolerPort = 6543;

    /// <summary>Each pool's cap when the connection string names none (Npgsql's own default is 100).</summary>
    public const int DefaultMaxPoolSize = 20;

    public static string Normalize(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Mentions(builder, "GSS Encryption Mode"))
        {
            // Npgsql 10 tries GSS encryption first by default; through Supavisor that fallback has
            // corrupted pooled connections (npgsql#6506) and costs a round trip everywhere else.
            builder.GssEncryptionMode = GssEncryptionMode.Disable;
        }

        if (!Mentions(builder, "Application Name"))
        {
            builder.ApplicationName = "mockexams";
        }

        if (!Mentions(builder, "Maximum Pool Size"))
        {
            // Npgsql's 100 is more than Supabase's session pooler lets one role hold (its Pool Size, e.g. 15, shared by
            // every process), and more backends than a small database runs at once: a rush that opens them all together
            // spends seconds starting them. Measured: the registration-opening storm's first wave (docs/BENCHMARKS.md).
            builder.MaxPoolSize = DefaultMaxPoolSize;
        }

        if (builder.Port == TransactionPoolerPort && !Mentions(builder, "No Reset On Close"))
        {
            // A transaction pooler hands the server connection to someone else after each
            // transaction, so Npgsql's DISCARD ALL on return would reset another client's session.
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    // The builder answers defaults for absent keys; ShouldSerialize tells whether the key (under
    // any of its aliases) was actually given.
    private static bool Mentions(NpgsqlConnectionStringBuilder builder, string keyword) =>
        builder.ShouldSerialize(keyword);
}
