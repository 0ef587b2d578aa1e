using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace MockExams.Cli.Bench;

/// <summary>
/// Drives a running api: the cached <c>GET /api/mock-exams/{id}/bookings</c> against <c>GET /__bench/static</c>, which
/// answers the very same bytes from memory in the same process, behind the same authentication. Warm-up first,
/// then two rounds alternating the targets (static, cached, static, cached) so drift on a noisy machine hits both.
/// With rates, both targets then run once more paced to each, for latencies below saturation.
/// HubSpot calls are read from the sandbox's stats before and after, by endpoint: reads make none, so any that
/// show up come from something else (incremental sync polls every 30 s unless told otherwise).
/// </summary>
public sealed class ReadBench(ReadBenchSettings settings, TextWriter progress)
{
    private const string StaticPath = "/__bench/static";
    private const int Rounds = 2;

    public async Task<ReadBenchResult> RunAsync(CancellationToken cancellationToken)
    {
        var endPoint = BenchConnection.EndPointOf(settings.Api);   // refuses https before anything is set up
        var examId = settings.ExamId
            ?? await BenchExam.EnsureAsync(
                settings.ReplicaConnectionString ?? throw new ReadBenchException("Give --exam, or set ConnectionStrings__Replica to seed the benchmark exam."),
                cancellationToken);
        var cachedPath = $"/api/mock-exams/{Uri.EscapeDataString(examId)}/bookings";
        using var http = CreateClient();

        var body = await GetBodyAsync(http, cachedPath, cancellationToken);
        await PublishStaticAsync(http, body, cancellationToken);
        var hubSpotBefore = await HubSpotCallsAsync(cancellationToken);

        var connections = Enumerable.Range(0, settings.Connections).Select(_ => new BenchConnection(endPoint)).ToList();
        using var closeConnections = new ConnectionsClosing(connections);
        var staticGet = BenchConnection.Get(settings.Api, StaticPath, settings.Token);
        var cachedGet = BenchConnection.Get(settings.Api, cachedPath, settings.Token);

        progress.WriteLine($"warming up {settings.Warmup.TotalSeconds:0.#} s ({body.Length} bytes per response, {settings.Connections} connections)");
        await LoadRun.RunAsync(connections, staticGet, settings.Warmup / 2, body.Length, cancellationToken);
        await LoadRun.RunAsync(connections, cachedGet, settings.Warmup / 2, body.Length, cancellationToken);

        var staticRounds = new List<LoadResult>();
        var cachedRounds = new List<LoadResult>();
        var slice = settings.Duration / Rounds;
        for (var round = 1; round <= Rounds; round++)
        {
            progress.WriteLine($"round {round}/{Rounds}: static {slice.TotalSeconds:0.#} s, cached {slice.TotalSeconds:0.#} s");
            staticRounds.Add(await LoadRun.RunAsync(connections, staticGet, slice, body.Length, cancellationToken));
            cachedRounds.Add(await LoadRun.RunAsync(connections, cachedGet, slice, body.Length, cancellationToken));
        }

        List<PacedLatency> paced = [];
        foreach (var rate in settings.PacedRates)
        {
            progress.WriteLine($"paced to {rate:0} requests/s: static {slice.TotalSeconds:0.#} s, cached {slice.TotalSeconds:0.#} s");
            var pacedStatic = await LoadRun.RunAsync(connections, staticGet, slice, body.Length, cancellationToken, rate);
            var pacedCached = await LoadRun.RunAsync(connections, cachedGet, slice, body.Length, cancellationToken, rate);
            paced.Add(new PacedLatency(rate, pacedCached.PercentileMilliseconds(50), pacedCached.PercentileMilliseconds(99),
                pacedStatic.PercentileMilliseconds(50), pacedStatic.PercentileMilliseconds(99), pacedCached.Errors + pacedStatic.Errors,
                pacedCached.RequestsPerSecond, pacedStatic.RequestsPerSecond));
        }

        var hubSpotCalls = CallsBetween(hubSpotBefore, await HubSpotCallsAsync(cancellationToken));
        var staticLoad = LoadResult.Combine(staticRounds);
        var cachedLoad = LoadResult.Combine(cachedRounds);
        return new ReadBenchResult(
            Ratio: cachedLoad.RequestsPerSecond / staticLoad.RequestsPerSecond,
            CachedRps: cachedLoad.RequestsPerSecond,
            StaticRps: staticLoad.RequestsPerSecond,
            P50Ms: cachedLoad.PercentileMilliseconds(50),
            P99Ms: cachedLoad.PercentileMilliseconds(99),
            StaticP50Ms: staticLoad.PercentileMilliseconds(50),
            StaticP99Ms: staticLoad.PercentileMilliseconds(99),
            HubSpotCalls: hubSpotCalls?.Values.Sum(),
            Errors: cachedLoad.Errors + staticLoad.Errors,
            Connections: settings.Connections,
            DurationSeconds: settings.Duration.TotalSeconds,
            BodyBytes: body.Length,
            ExamId: examId,
            CachedPath: cachedPath,
            Paced: paced,
            HubSpotCallsByEndpoint: hubSpotCalls);
    }

    /// <summary>For the few set-up calls; the load itself goes through <see cref="BenchConnection"/>s.</summary>
    private HttpClient CreateClient()
    {
        var http = new HttpClient { BaseAddress = settings.Api, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", settings.Token);
        return http;
    }

    private static async Task<byte[]> GetBodyAsync(HttpClient http, string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new ReadBenchException($"GET {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        return await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    private static async Task PublishStaticAsync(HttpClient http, byte[] body, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(body);
        using var put = await http.PutAsync(StaticPath, content, cancellationToken);
        if (put.StatusCode == HttpStatusCode.NotFound)
        {
            throw new ReadBenchException("The api has no benchmark endpoints: start it with Api__BenchmarkEndpoints=true.");
        }

        if (put.StatusCode == HttpStatusCode.Forbidden)
        {
            throw new ReadBenchException("The token may not publish the baseline: PUT /__bench/static needs exams.edit.");
        }

        put.EnsureSuccessStatusCode();
        if (!(await GetBodyAsync(http, StaticPath, cancellationToken)).AsSpan().SequenceEqual(body))
        {
            throw new ReadBenchException("The static endpoint does not answer the bytes of the cached read.");
        }
    }

    /// <summary>The sandbox's calls so far by endpoint (all statuses); null without a sandbox.</summary>
    private async Task<Dictionary<string, long>?> HubSpotCallsAsync(CancellationToken cancellationToken)
    {
        if (settings.Sandbox is null)
        {
            return null;
        }

        using var sandbox = new HttpClient { BaseAddress = settings.Sandbox, Timeout = TimeSpan.FromSeconds(10) };
        using var stats = JsonDocument.Parse(await sandbox.GetStringAsync("/__sandbox/stats", cancellationToken));
        return stats.RootElement.GetProperty("callsByEndpoint").EnumerateObject().ToDictionary(
            endpoint => endpoint.Name, endpoint => endpoint.Value.EnumerateObject().Sum(status => status.Value.GetInt64()));
    }

    private static Dictionary<string, long>? CallsBetween(Dictionary<string, long>? before, Dictionary<string, long>? after) =>
        before is null || after is null
            ? null
            : after.Select(call => (call.Key, Count: call.Value - before.GetValueOrDefault(call.Key)))
                .Where(call => call.Count > 0)
                .ToDictionary(call => call.Key, call => call.Count);

    /// <summary>Closes the load's connections however the run ends.</summary>
    private sealed class ConnectionsClosing(List<BenchConnection> connections) : IDisposable
    {
        public void Dispose() => connections.ForEach(connection => connection.Dispose());
    }
}
