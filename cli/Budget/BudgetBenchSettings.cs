using System.Globalization;

namespace MockExams.Cli.Budget;

/// <summary>What <c>mockexams budgetbench</c> runs: how long, in how many processes, and the queued work of each lane.</summary>
/// <param name="Sandbox">The HubSpot sandbox every worker calls, and whose stats count what HubSpot saw.</param>
/// <param name="CallsPerTenSeconds">HubSpot's 10-second limit the governor is configured with (and the sandbox enforces).</param>
/// <param name="Duration">Measured time: workers take budget only within it.</param>
/// <param name="Processes">Worker processes sharing the one Redis bucket.</param>
/// <param name="BackfillWorkers">Per process: callers in the backfill lane, each with a batch read always queued.</param>
/// <param name="SyncWorkers">Per process: callers in the sync lane, each with a batch read always queued.</param>
/// <param name="UserWritesPerSecond">Per process: calls started in the user-write lane each second (open loop).</param>
/// <param name="Searchers">Per process: callers with a search always queued (search budget).</param>
/// <param name="JsonPath">Also write the figures here.</param>
public sealed record BudgetBenchSettings(
    Uri Sandbox,
    int CallsPerTenSeconds,
    TimeSpan Duration,
    int Processes,
    int BackfillWorkers,
    int SyncWorkers,
    double UserWritesPerSecond,
    int Searchers,
    string? JsonPath)
{
    /// <summary>What is wrong with these settings, or null. A run needs at least one full 10-second window and queued work.</summary>
    public string? Problem() => this switch
    {
        { Duration.TotalSeconds: < 10 or > 3600 } => "--duration must be 10 to 3600 seconds (at least one HubSpot 10-second window).",
        { CallsPerTenSeconds: < 10 or > 250 } => "--budget must be 10 to 250 calls per 10 s (HubSpot's limits: 100, 190, 250).",
        { Processes: < 1 or > 16 } => "--processes must be 1 to 16.",
        { BackfillWorkers: < 0 or > 256 } or { SyncWorkers: < 0 or > 256 } or { Searchers: < 0 or > 64 } =>
            "--workers and --sync-workers must be 0 to 256, --searchers 0 to 64.",
        { UserWritesPerSecond: < 0 or > 1000 } => "--user-rate must be 0 to 1000 calls/s.",
        { BackfillWorkers: 0, SyncWorkers: 0, UserWritesPerSecond: 0 } =>
            "Nothing queued for the 10-second budget: give --workers, --sync-workers or --user-rate.",
        _ => null,
    };

    /// <summary>The arguments that run one worker process of this benchmark.</summary>
    public IReadOnlyList<string> WorkerArguments() =>
    [
        "budgetbench", "--worker",
        "--duration", Duration.TotalSeconds.ToString(CultureInfo.InvariantCulture),
        "--workers", BackfillWorkers.ToString(CultureInfo.InvariantCulture),
        "--sync-workers", SyncWorkers.ToString(CultureInfo.InvariantCulture),
        "--user-rate", UserWritesPerSecond.ToString(CultureInfo.InvariantCulture),
        "--searchers", Searchers.ToString(CultureInfo.InvariantCulture),
    ];
}
