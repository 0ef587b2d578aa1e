namespace MockExams.Grains.Replica;

/// <summary>The Postgres replica (the customer's Supabase database): connection and start-up behaviour.</summary>
public sealed class ReplicaOptions
{
    public const string SectionName = "Replica";

    /// <summary>The name under <c>ConnectionStrings</c>; env <c>ConnectionStrings__Replica</c>.</summary>
    public const string ConnectionStringName = "Replica";

    /// <summary>
    /// Npgsql connection string, read from <c>ConnectionStrings:Replica</c> (env <c>ConnectionStrings__Replica</c>).
    /// Secret: never logged.
    /// </summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// Apply <c>supabase/migrations</c> at start (env <c>Replica__ApplyMigrationsOnStart</c>, default true).
    /// Turn off only when migrations are applied some other way (e.g. <c>supabase db push</c>).
    /// </summary>
    public bool ApplyMigrationsOnStart { get; set; } = true;
}
