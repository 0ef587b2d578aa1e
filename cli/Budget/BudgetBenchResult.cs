using System.Text.Json.Serialization;
using MockExams.Grains.HubSpot;

namespace MockExams.Cli.Budget;

/// <summary>
/// The figures of one <c>budgetbench</c> run, as written by <c>--json</c>. "Budget" is what the governor is configured
/// to spend: HubSpot's limit × headroom per window (90 calls per 10 s at 100 and 0.9), the most its bucket lets through
/// in any window. Utilisation is the calls HubSpot answered per second over that budget per second.
/// </summary>
public sealed record BudgetBenchResult
{
    /// <summary>Share of the governor's budget a run with queued work should reach.</summary>
    public const double UtilisationGoal = 0.95;

    [JsonPropertyName("date_utc")] public required DateTimeOffset DateUtc { get; init; }
    [JsonPropertyName("duration_s")] public required double DurationSeconds { get; init; }
    [JsonPropertyName("processes")] public required int Processes { get; init; }
    [JsonPropertyName("backfill_workers_per_process")] public required int BackfillWorkers { get; init; }
    [JsonPropertyName("sync_workers_per_process")] public required int SyncWorkers { get; init; }
    [JsonPropertyName("user_writes_per_s_per_process")] public required double UserWritesPerSecond { get; init; }
    [JsonPropertyName("searchers_per_process")] public required int Searchers { get; init; }
    [JsonPropertyName("sandbox_latency_ms")] public required int SandboxLatencyMs { get; init; }

    [JsonPropertyName("hubspot_limit_per_10s")] public required int HubSpotLimit { get; init; }
    [JsonPropertyName("headroom")] public required double Headroom { get; init; }
    [JsonPropertyName("budget_per_10s")] public required double BudgetPerTenSeconds { get; init; }
    [JsonPropertyName("bucket_burst")] public required double BucketBurst { get; init; }
    [JsonPropertyName("bucket_rate_per_s")] public required double BucketRatePerSecond { get; init; }
    [JsonPropertyName("bucket_bound_calls")] public required double BucketBoundCalls { get; init; }

    [JsonPropertyName("hubspot_calls")] public required long HubSpotCalls { get; init; }
    [JsonPropertyName("hubspot_calls_per_s")] public required double HubSpotCallsPerSecond { get; init; }
    [JsonPropertyName("client_calls")] public required long ClientCalls { get; init; }
    [JsonPropertyName("client_calls_per_s")] public required double ClientCallsPerSecond { get; init; }
    [JsonPropertyName("client_calls_by_process")] public required IReadOnlyList<long> ClientCallsByProcess { get; init; }
    [JsonPropertyName("utilisation")] public required double Utilisation { get; init; }
    [JsonPropertyName("ratio_to_bucket_bound")] public required double RatioToBucketBound { get; init; }
    [JsonPropertyName("ratio_to_hubspot_limit")] public required double RatioToHubSpotLimit { get; init; }
    [JsonPropertyName("window_peak")] public required int WindowPeak { get; init; }
    [JsonPropertyName("window_mean")] public required double WindowMean { get; init; }

    [JsonPropertyName("search_limit_per_s")] public required int SearchLimit { get; init; }
    [JsonPropertyName("search_budget_per_s")] public required double SearchBudgetPerSecond { get; init; }
    [JsonPropertyName("search_bucket_rate_per_s")] public required double SearchBucketRatePerSecond { get; init; }
    [JsonPropertyName("searches")] public required long Searches { get; init; }
    [JsonPropertyName("searches_per_s")] public required double SearchesPerSecond { get; init; }
    [JsonPropertyName("client_searches")] public required long ClientSearches { get; init; }
    [JsonPropertyName("search_utilisation")] public required double SearchUtilisation { get; init; }
    [JsonPropertyName("search_ratio_to_bucket_bound")] public required double SearchRatioToBucketBound { get; init; }
    [JsonPropertyName("search_ratio_to_hubspot_limit")] public required double SearchRatioToHubSpotLimit { get; init; }

    [JsonPropertyName("http_429")] public required long Http429 { get; init; }
    [JsonPropertyName("http_429_by_policy")] public required IReadOnlyDictionary<string, long> Http429ByPolicy { get; init; }
    [JsonPropertyName("failed")] public required long Failed { get; init; }
    [JsonPropertyName("lanes")] public required IReadOnlyList<LaneFigures> Lanes { get; init; }

    /// <summary>
    /// Figures from the sandbox's counts before and after the run (HubSpot's view), its rolling-window samples, and
    /// what each worker process's governor granted (the client's view).
    /// </summary>
    public static BudgetBenchResult From(
        BudgetBenchSettings settings, HubSpotOptions options, int sandboxLatencyMs, SandboxCounts before, SandboxCounts after,
        IReadOnlyList<WindowSample> windows, IReadOnlyList<IReadOnlyList<LaneCounts>> workers, DateTimeOffset started)
    {
        var seconds = settings.Duration.TotalSeconds;
        var tenSecond = HubSpotBudgetShape.TenSecond(options);
        var search = HubSpotBudgetShape.Search(options);
        var budgetPerSecond = options.CallsPerTenSeconds * options.Headroom / 10;
        var searchBudgetPerSecond = options.SearchPerSecond * options.Headroom;
        var calls = after.Calls - before.Calls;
        var searches = after.Searches - before.Searches;
        var laneCounts = workers.SelectMany(w => w).GroupBy(l => l.Lane).ToList();
        var clientCalls = laneCounts.Sum(l => l.Sum(c => c.Calls));
        var policies = after.RateLimitedByPolicy.Keys.Union(before.RateLimitedByPolicy.Keys)
            .Select(p => (Policy: p, Count: after.RateLimitedByPolicy.GetValueOrDefault(p) - before.RateLimitedByPolicy.GetValueOrDefault(p)))
            .Where(p => p.Count > 0).ToDictionary(p => p.Policy, p => p.Count);
        // A window sampled in the first 10 s still holds time from before the start (none in a 10-second run: mean 0).
        var fullWindows = windows.Where(w => w.Seconds >= 10 && w.Seconds <= seconds).Select(w => (double)w.Used).ToList();

        return new BudgetBenchResult
        {
            DateUtc = started,
            DurationSeconds = seconds,
            Processes = settings.Processes,
            BackfillWorkers = settings.BackfillWorkers,
            SyncWorkers = settings.SyncWorkers,
            UserWritesPerSecond = settings.UserWritesPerSecond,
            Searchers = settings.Searchers,
            SandboxLatencyMs = sandboxLatencyMs,
            HubSpotLimit = options.CallsPerTenSeconds,
            Headroom = options.Headroom,
            BudgetPerTenSeconds = budgetPerSecond * 10,
            BucketBurst = tenSecond.Capacity,
            BucketRatePerSecond = tenSecond.TokensPerSecond,
            BucketBoundCalls = tenSecond.Capacity + tenSecond.TokensPerSecond * seconds,
            HubSpotCalls = calls,
            HubSpotCallsPerSecond = calls / seconds,
            ClientCalls = clientCalls,
            ClientCallsPerSecond = clientCalls / seconds,
            ClientCallsByProcess = [.. workers.Select(w => w.Sum(l => l.Calls))],
            Utilisation = calls / seconds / budgetPerSecond,
            RatioToBucketBound = calls / (tenSecond.Capacity + tenSecond.TokensPerSecond * seconds),
            RatioToHubSpotLimit = calls / seconds / (options.CallsPerTenSeconds / 10.0),
            WindowPeak = windows.Select(w => w.Used).DefaultIfEmpty(0).Max(),
            WindowMean = fullWindows is [] ? 0 : fullWindows.Average(),
            SearchLimit = options.SearchPerSecond,
            SearchBudgetPerSecond = searchBudgetPerSecond,
            SearchBucketRatePerSecond = search.TokensPerSecond,
            Searches = searches,
            SearchesPerSecond = searches / seconds,
            ClientSearches = laneCounts.Sum(l => l.Sum(c => c.Searches)),
            SearchUtilisation = searches / seconds / searchBudgetPerSecond,
            SearchRatioToBucketBound = searches / (search.Capacity + search.TokensPerSecond * seconds),
            SearchRatioToHubSpotLimit = searches / seconds / options.SearchPerSecond,
            Http429 = policies.Values.Sum(),
            Http429ByPolicy = policies,
            Failed = laneCounts.Sum(l => l.Sum(c => c.Failed)),
            Lanes = [.. laneCounts.Select(l => Lane(l.Key, [.. l], clientCalls, seconds)).OrderBy(l => LaneOrder(l.Lane))],
        };
    }

    /// <summary>The lane names of the JSON and the table, the same as the governor's metrics use.</summary>
    public static string LaneName(HubSpotLane lane) => lane switch
    {
        HubSpotLane.UserWrite => "user_write",
        HubSpotLane.Sync => "sync",
        _ => "backfill",
    };

    private static LaneFigures Lane(string lane, IReadOnlyList<LaneCounts> counts, long allCalls, double seconds)
    {
        var calls = counts.Sum(c => c.Calls);
        var waits = counts.SelectMany(c => c.WaitsMs).Order().ToList();
        return new LaneFigures(
            lane, calls, calls / seconds, allCalls == 0 ? 0 : (double)calls / allCalls, counts.Sum(c => c.Searches),
            Percentile(waits, 0.50), Percentile(waits, 0.99),
            counts.Sum(c => c.Refused), counts.Sum(c => c.RateLimited), counts.Sum(c => c.Failed));
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted is [] ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static int LaneOrder(string lane) => lane switch
    {
        "user_write" => 0,
        "sync" => 1,
        _ => 2,
    };
}
