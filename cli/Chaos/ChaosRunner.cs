using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MockExams.Cli.Tokens;

namespace MockExams.Cli.Chaos;

/// <summary>
/// A chaos run: starts its own cluster (<see cref="ChaosCluster"/>), runs the workload while the seeded schedule's
/// faults are injected, waits for the replica to equal HubSpot, then checks every invariant. Used by
/// <c>mockexams chaos</c> and by the CI test.
/// </summary>
public sealed class ChaosRunner(ChaosSettings settings, Action<string>? progress = null)
{
    private readonly List<ChaosFaultRecord> _injected = [];
    private readonly List<string> _selfExits = [];

    public async Task<ChaosReport> RunAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(settings.WorkDirectory);
        await using var cluster = new ChaosCluster(settings, Say);
        await cluster.StartAsync(cancellationToken);

        var token = DevTokens.Create(cluster.JwtSecret, DevTokens.DefaultIssuer, "authenticated",
            ["exams.view", "exams.edit", "bookings.manage"], TimeSpan.FromHours(4));
        var apis = cluster.ApiUrls.Select(url =>
        {
            var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = url, Timeout = Timeout.InfiniteTimeSpan };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return http;
        }).ToList();
        using var sandbox = new HttpClient { BaseAddress = cluster.SandboxUrl, Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            var workload = new ChaosWorkload(apis, sandbox, settings.Seed);
            Say($"creating {settings.Exams} exams × {settings.Capacity} seats and the students");
            await workload.PrepareAsync(settings.Exams, settings.Capacity, settings.Exams * settings.Capacity * 3, cancellationToken);
            var callsBefore = await SandboxCallsAsync(sandbox, cancellationToken);

            var schedule = ChaosSchedule.For(settings.Seed, settings.Duration);
            Say($"workload for {settings.Duration.TotalSeconds:0} s with {schedule.Count} faults (seed {settings.Seed})");
            var clock = Stopwatch.StartNew();
            using var supervising = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var supervisor = SuperviseAsync(cluster, clock, supervising.Token);
            var faults = InjectAsync(cluster, sandbox, schedule, clock, new Random(settings.Seed), cancellationToken);
            await workload.RunAsync(settings.Workers, settings.Duration, cancellationToken);
            await faults;
            var lastFaultEnded = _injected.Count == 0 ? clock.Elapsed : TimeSpan.FromSeconds(_injected.Max(f => f.EndedSeconds));

            Say("waiting for the replica to equal HubSpot");
            var (converged, differences) = await ConvergeAsync(cluster, sandbox, workload.Exams, clock, lastFaultEnded, cancellationToken);
            var hubSpot = await ChaosViews.HubSpotAsync(sandbox, workload.Exams, cancellationToken);
            var (checks, violations) = ChaosVerifier.Verify(workload.Calls, hubSpot, workload.StaffCancelled.ToHashSet());
            checks.Add(new ChaosCheck($"replica equals HubSpot within {settings.ConvergenceWindow.TotalSeconds:0} s of the last fault",
                workload.Exams.Count, differences.Count));
            violations.AddRange(differences.Take(50).Select(d => $"replica equals HubSpot: {d}"));

            var readDifferences = await ReadsEqualReplicaAsync(apis, cluster.ReplicaConnectionString, workload.Exams, cancellationToken);
            checks.Add(new ChaosCheck("every read equals the replica", workload.Exams.Count * apis.Count, readDifferences.Count));
            violations.AddRange(readDifferences.Take(50).Select(d => $"every read equals the replica: {d}"));

            await supervising.CancelAsync();
            await supervisor;
            var callsAfter = await SandboxCallsAsync(sandbox, cancellationToken);
            var writes = workload.Calls.Where(c => c.Kind != "read").Select(c => c.ElapsedMs).Order().ToList();
            return new ChaosReport
            {
                Seed = settings.Seed,
                DurationSeconds = settings.Duration.TotalSeconds,
                Silos = settings.Silos,
                Apis = settings.Apis,
                Faults = [.. _injected],
                SelfExits = [.. _selfExits],
                RequestsByKind = workload.Calls.GroupBy(c => c.Kind).ToDictionary(g => g.Key, g => g.Count()),
                AnswersByStatus = workload.Calls.GroupBy(c => c.Status == 0 ? "none" : c.Status.ToString()).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count()),
                Booked = workload.Calls.Count(c => c.Kind == "book" && c.Status == 201),
                RetryLater = workload.Calls.Count(c => c.Status == 503),
                WriteP99Ms = writes is [] ? 0 : Math.Round(writes[Math.Min(writes.Count - 1, (int)Math.Ceiling(0.99 * writes.Count) - 1)], 1),
                HubSpotCalls = callsAfter.Total - callsBefore.Total,
                HubSpot429 = callsAfter.RateLimited - callsBefore.RateLimited,
                ConvergedSecondsAfterLastFault = converged is { } at ? Math.Round((at - lastFaultEnded).TotalSeconds, 1) : null,
                Checks = checks,
                Violations = violations,
            };
        }
        finally
        {
            foreach (var api in apis)
            {
                api.Dispose();
            }
        }
    }

    private async Task SuperviseAsync(ChaosCluster cluster, Stopwatch clock, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            foreach (var name in cluster.RestartExited())
            {
                var line = $"{clock.Elapsed.TotalSeconds:0.0} s: {name} exited on its own and was restarted";
                _selfExits.Add(line);
                Say(line);
            }

            try
            {
                await Task.Delay(1000, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task InjectAsync(ChaosCluster cluster, HttpClient sandbox, IReadOnlyList<ChaosFault> schedule, Stopwatch clock,
        Random random, CancellationToken cancellationToken)
    {
        await Task.WhenAll(schedule.Select(async fault =>
        {
            var wait = fault.At - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            var began = clock.Elapsed;
            var detail = await InjectOneAsync(cluster, sandbox, fault, random, cancellationToken);
            lock (_injected)
            {
                _injected.Add(new ChaosFaultRecord(fault.Kind.ToString(), Math.Round(began.TotalSeconds, 1), Math.Round(clock.Elapsed.TotalSeconds, 1), detail));
            }

            Say($"{began.TotalSeconds,6:0.0} s  {fault.Kind}: {detail}");
        }));
    }

    private static async Task<string> InjectOneAsync(ChaosCluster cluster, HttpClient sandbox, ChaosFault fault, Random random, CancellationToken cancellationToken)
    {
        switch (fault.Kind)
        {
            case ChaosFaultKind.KillSilo:
                int silo;
                lock (random)
                {
                    silo = random.Next(cluster.Silos.Count);
                }

                cluster.KillSilo(silo);
                await Task.Delay(fault.Lasts, cancellationToken);
                cluster.StartSilo(silo);
                return $"silo{silo} killed (SIGKILL), restarted after {fault.Lasts.TotalSeconds:0} s";
            case ChaosFaultKind.RestartRedis:
                await cluster.RestartRedisAsync(fault.Lasts, cancellationToken);
                return $"Redis killed and restarted empty after {fault.Lasts.TotalSeconds:0} s";
            case ChaosFaultKind.FlushAll:
                await cluster.FlushAllAsync();
                return "FLUSHALL";
            case ChaosFaultKind.StopPostgres:
                cluster.ClosePostgres();
                await Task.Delay(fault.Lasts, cancellationToken);
                cluster.OpenPostgres();
                return $"Postgres unreachable for {fault.Lasts.TotalSeconds:0} s";
            default:
                var (on, off) = SandboxFault(fault.Kind);
                await ConfigureSandboxAsync(sandbox, on, cancellationToken);
                await Task.Delay(fault.Lasts, cancellationToken);
                await ConfigureSandboxAsync(sandbox, off, cancellationToken);
                return $"{JsonSerializer.Serialize(on)} for {fault.Lasts.TotalSeconds:0} s";
        }
    }

    private static (Dictionary<string, object> On, Dictionary<string, object> Off) SandboxFault(ChaosFaultKind kind) => kind switch
    {
        ChaosFaultKind.HubSpotErrors => (new() { ["errorRate"] = 0.2 }, new() { ["errorRate"] = 0.0 }),
        ChaosFaultKind.HubSpotTimeouts => (new() { ["timeoutRate"] = 0.1, ["timeoutHangMs"] = 3000 }, new() { ["timeoutRate"] = 0.0 }),
        ChaosFaultKind.HubSpotLateWrites => (new() { ["lateWriteRate"] = 0.2, ["lateWriteDelayMs"] = 3000 }, new() { ["lateWriteRate"] = 0.0 }),
        ChaosFaultKind.TightBudget => (new() { ["callsPerTenSeconds"] = 10 }, new() { ["callsPerTenSeconds"] = 100 }),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a sandbox fault"),
    };

    private static async Task ConfigureSandboxAsync(HttpClient sandbox, Dictionary<string, object> patch, CancellationToken cancellationToken)
    {
        using var response = await sandbox.PutAsJsonAsync("/__sandbox/config", patch, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private async Task<(TimeSpan? ConvergedAt, List<string> Differences)> ConvergeAsync(
        ChaosCluster cluster, HttpClient sandbox, IReadOnlyList<string> exams, Stopwatch clock, TimeSpan lastFaultEnded,
        CancellationToken cancellationToken)
    {
        var deadline = lastFaultEnded + settings.ConvergenceWindow;
        List<string> differences = [];
        while (true)
        {
            try
            {
                var hubSpot = await ChaosViews.HubSpotAsync(sandbox, exams, cancellationToken);
                var replica = await ChaosViews.ReplicaAsync(cluster.ReplicaConnectionString, exams, cancellationToken);
                differences = ChaosVerifier.Differences(hubSpot, replica);
                if (differences is [])
                {
                    return (clock.Elapsed, differences);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or Npgsql.NpgsqlException)
            {
                differences = [$"could not read: {ex.Message}"];
            }

            if (clock.Elapsed > deadline)
            {
                return (null, differences);
            }

            await Task.Delay(1000, cancellationToken);
        }
    }

    private static async Task<List<string>> ReadsEqualReplicaAsync(
        IReadOnlyList<HttpClient> apis, string replicaConnectionString, IReadOnlyList<string> exams, CancellationToken cancellationToken)
    {
        var replica = await ChaosViews.ReplicaAsync(replicaConnectionString, exams, cancellationToken);
        List<string> differences = [];
        foreach (var exam in exams)
        {
            var expected = replica.Bookings.Where(b => b.ExamId == exam).Select(b => (b.HubSpotId, b.Active)).ToHashSet();
            var examRow = replica.Exams[exam];
            foreach (var (api, index) in apis.Select((a, i) => (a, i)))
            {
                var bookings = await ChaosViews.ApiBookingsAsync(api, exam, cancellationToken);
                if (bookings is null || !bookings.SetEquals(expected))
                {
                    differences.Add($"api{index} bookings of exam {exam}: {(bookings is null ? "no 200" : $"{bookings.Count} rows, replica {expected.Count}")}");
                }

                var read = await ChaosViews.ApiExamAsync(api, exam, cancellationToken);
                if (read is not { } r || r.Capacity != examRow.Capacity || r.Location != examRow.Location)
                {
                    differences.Add($"api{index} exam {exam}: {read?.ToString() ?? "no 200"}, replica ({examRow.Capacity}, {examRow.Location})");
                }
            }
        }

        return differences;
    }

    private static async Task<(long Total, long RateLimited)> SandboxCallsAsync(HttpClient sandbox, CancellationToken cancellationToken)
    {
        var stats = await sandbox.GetFromJsonAsync<JsonElement>("/__sandbox/stats", cancellationToken);
        return (stats.GetProperty("totalCalls").GetInt64(), stats.GetProperty("rateLimitedByPolicy").EnumerateObject().Sum(p => p.Value.GetInt64()));
    }

    private void Say(string message) => progress?.Invoke(message);
}
