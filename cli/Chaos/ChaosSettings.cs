namespace MockExams.Cli.Chaos;

/// <summary>What <c>mockexams chaos</c> runs: its own cluster, a workload and a fault schedule replayed from a seed.</summary>
/// <param name="Seed">Drives the schedule and the workload's choices; the same seed replays the same schedule.</param>
/// <param name="Duration">How long the workload and the faults run (the checks come after).</param>
/// <param name="Silos">Silo processes.</param>
/// <param name="Apis">Api processes; the workload spreads its requests over them.</param>
/// <param name="Exams">Exams created through the api at the start.</param>
/// <param name="Capacity">Seats per exam.</param>
/// <param name="Workers">Concurrent clients.</param>
/// <param name="ReplicaServer">Npgsql connection string of a Postgres server where a fresh database is made (and dropped).</param>
/// <param name="WorkDirectory">Logs and data of the processes started.</param>
/// <param name="ConvergenceWindow">After the last fault, how long the replica may take to equal HubSpot.</param>
public sealed record ChaosSettings(
    int Seed,
    TimeSpan Duration,
    int Silos,
    int Apis,
    int Exams,
    int Capacity,
    int Workers,
    string ReplicaServer,
    string WorkDirectory,
    TimeSpan ConvergenceWindow)
{
    /// <summary>Where the built silo, api and sandbox live (the repository root); found from the CLI's own location if null.</summary>
    public string? RepositoryRoot { get; init; }
}
