namespace MockExams.Grains.Replica;

/// <summary>
/// The Postgres replica (the customer's Supabase database): start-up behaviour. Its connection string is
/// <c>ConnectionStrings__Replica</c> (service-defaults/Connections/).
/// </summary>
public sealed class ReplicaOptions
{
    public const string SectionName = "Replica";

    /// <summary>
    /// Apply <c>supabase/migrations</c> at start (env <c>Replica__ApplyMigrationsOnStart</c>, default true).
    /// Turn off only when migrations are applied some other way (e.g. <c>supabase db push</c>).
    /// </summary>
    public bool ApplyMigrationsOnStart { get; set; } = true;
}
