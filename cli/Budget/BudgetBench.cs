using System.Globalization;
using System.Diagnostics;
using MockExams.Grains.HubSpot;

namespace MockExams.Cli.Budget;

/// <summary>
/// Coordinates a <c>budgetbench</c> run: sets the sandbox to the limits the governor is configured for, starts the
/// worker processes (each its own governor on the shared Redis bucket), starts them together, samples HubSpot's
/// rolling 10-second count while they run, and puts the sandbox's counts beside what the governors granted.
/// </summary>
public sealed class BudgetBench(BudgetBenchSettings settings, HubSpotOptions options, TextWriter progress)
{
    private static readonly TimeSpan SampleEvery = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    public async Task<BudgetBenchResult> RunAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = settings.Sandbox, Timeout = TimeSpan.FromSeconds(30) };
        var sandbox = new SandboxProbe(http);
        var original = await sandbox.LimitsAsync(cancellationToken);
        // The sandbox stands in for HubSpot: its limits are the ones the governor is told HubSpot has.
        await sandbox.SetLimitsAsync(options.CallsPerTenSeconds, options.SearchPerSecond, cancellationToken);
        try
        {
            return await MeasureAsync(sandbox, original.LatencyMs, cancellationToken);
        }
        finally
        {
            await sandbox.SetLimitsAsync(original.CallsPerTenSeconds, original.SearchPerSecond, CancellationToken.None);
        }
    }

    private async Task<BudgetBenchResult> MeasureAsync(SandboxProbe sandbox, int latencyMs, CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string>
        {
            ["HubSpot__BaseUrl"] = settings.Sandbox.ToString(),
            ["HubSpot__CallsPerTenSeconds"] = options.CallsPerTenSeconds.ToString(CultureInfo.InvariantCulture),
        };
        progress.WriteLine($"starting {settings.Processes} worker process(es)");
        var workers = Enumerable.Range(0, settings.Processes).Select(_ => WorkerProcess.Start(settings.WorkerArguments(), environment)).ToList();
        try
        {
            using (var starting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                starting.CancelAfter(StartTimeout);
                await Task.WhenAll(workers.Select(w => w.ReadyAsync(starting.Token)));
            }

            var before = await sandbox.CountsAsync(cancellationToken);
            var started = DateTimeOffset.UtcNow;
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(workers.Select(w => w.GoAsync()));
            progress.WriteLine($"measuring for {settings.Duration.TotalSeconds:0} s");

            using var sampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var windows = SampleAsync(sandbox, clock, sampling.Token);
            var counts = await Task.WhenAll(workers.Select(w => w.CountsAsync(cancellationToken)));
            await sampling.CancelAsync();
            var samples = await windows;
            var after = await sandbox.CountsAsync(cancellationToken);
            return BudgetBenchResult.From(settings, options, latencyMs, before, after, samples, counts, started);
        }
        finally
        {
            foreach (var worker in workers)
            {
                worker.Dispose();
            }
        }
    }

    // HubSpot's own rolling count, a few times a second while the workers run.
    private async Task<IReadOnlyList<WindowSample>> SampleAsync(SandboxProbe sandbox, Stopwatch clock, CancellationToken cancellationToken)
    {
        List<WindowSample> samples = [];
        using var timer = new PeriodicTimer(SampleEvery);
        try
        {
            while (clock.Elapsed < settings.Duration && await timer.WaitForNextTickAsync(cancellationToken))
            {
                var counts = await sandbox.CountsAsync(cancellationToken);
                samples.Add(new WindowSample(clock.Elapsed.TotalSeconds, counts.WindowUsed));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        return samples;
    }
}
