using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MockExams.Grains.HubSpot;

namespace MockExams.Cli.Budget;

/// <summary>
/// One worker process of <c>mockexams budgetbench</c>: the real governor (Redis) and the real <see cref="HubSpotClient"/>,
/// wired by <c>AddHubSpot()</c> as the silo wires them, with work always queued in each lane. It prints <c>ready</c>,
/// waits for <c>go</c> on its input, keeps the lanes busy for the measured time, then prints its counts as one JSON line.
/// </summary>
internal static class BudgetBenchWorker
{
    public const string Ready = "ready";
    public const string Go = "go";

    public static async Task<int> RunAsync(BudgetBenchSettings settings, TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        using var host = BuildHost();
        await host.StartAsync(cancellationToken);
        try
        {
            var client = host.Services.GetRequiredService<HubSpotClient>();
            var budget = host.Services.GetRequiredService<CountingBudget>();
            var options = host.Services.GetRequiredService<IOptions<HubSpotOptions>>().Value;
            var examIds = await ExamIdsAsync(client, new Uri(options.BaseUrl), cancellationToken);

            await output.WriteLineAsync(Ready);
            await output.FlushAsync(cancellationToken);
            if (await input.ReadLineAsync(cancellationToken) != Go)
            {
                return ExitCodes.Usage;
            }

            using var stop = new CancellationTokenSource(settings.Duration);
            budget.Start(stop.Token);
            List<Task> lanes =
            [
                .. Enumerable.Range(0, settings.BackfillWorkers).Select(_ =>
                    QueuedAsync(budget, HubSpotLane.Backfill, () => client.GetExamsAsync(examIds, HubSpotLane.Backfill, cancellationToken), stop.Token)),
                .. Enumerable.Range(0, settings.SyncWorkers).Select(_ =>
                    QueuedAsync(budget, HubSpotLane.Sync, () => client.GetExamsAsync(examIds, HubSpotLane.Sync, cancellationToken), stop.Token)),
                .. Enumerable.Range(0, settings.Searchers).Select(_ =>
                    QueuedAsync(budget, HubSpotLane.Backfill, () => client.SearchExamsByIdDescendingAsync(null, null, HubSpotLane.Backfill, cancellationToken), stop.Token)),
            ];
            if (settings.UserWritesPerSecond > 0)
            {
                lanes.Add(PacedAsync(budget, settings.UserWritesPerSecond,
                    () => client.GetExamsAsync(examIds, HubSpotLane.UserWrite, cancellationToken), stop.Token));
            }
            await Task.WhenAll(lanes);

            await output.WriteLineAsync(JsonSerializer.Serialize(budget.Counts()));
            await output.FlushAsync(cancellationToken);
            return ExitCodes.Ok;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private static IHost BuildHost()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        // Stdout carries the protocol with the coordinator; failures reach it as exceptions on stderr.
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<RedisHubSpotBudget>();
        builder.Services.AddSingleton<CountingBudget>();
        // Registered first, so AddHubSpot's TryAdd keeps it: the client and its retries take budget through it.
        builder.Services.AddSingleton<IHubSpotBudget>(sp => sp.GetRequiredService<CountingBudget>());
        builder.AddHubSpot();
        return builder.Build();
    }

    // A batch read of up to 100 real exams: the portal's own, or 100 seeded (no budget) when it has none.
    private static async Task<IReadOnlyList<string>> ExamIdsAsync(HubSpotClient client, Uri sandbox, CancellationToken cancellationToken)
    {
        var page = await client.ListExamsPageAsync(null, HubSpotLane.Backfill, cancellationToken: cancellationToken);
        if (page.Items is [])
        {
            using var http = new HttpClient { BaseAddress = sandbox };
            using var seeded = await http.PostAsJsonAsync("/__sandbox/seed", new { exams = 100, bookingsPerExam = 1 }, cancellationToken);
            seeded.EnsureSuccessStatusCode();
            page = await client.ListExamsPageAsync(null, HubSpotLane.Backfill, cancellationToken: cancellationToken);
        }
        return [.. page.Items.Select(e => e.Id)];
    }

    // A caller that always has its next call waiting for budget.
    private static async Task QueuedAsync(CountingBudget budget, HubSpotLane lane, Func<Task> call, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await CallAsync(budget, lane, call, stop);
        }
    }

    // User writes arrive at their own pace, whether or not the earlier ones have been answered.
    private static async Task PacedAsync(CountingBudget budget, double perSecond, Func<Task> call, CancellationToken stop)
    {
        List<Task> started = [];
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1 / perSecond));
        try
        {
            do
            {
                started.Add(CallAsync(budget, HubSpotLane.UserWrite, call, stop));
            }
            while (await timer.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        await Task.WhenAll(started);
    }

    private static async Task CallAsync(CountingBudget budget, HubSpotLane lane, Func<Task> call, CancellationToken stop)
    {
        try
        {
            await call();
        }
        catch (Exception ex) when (stop.IsCancellationRequested && ex is OperationCanceledException or HubSpotTransientException)
        {
            // The measured time ended while this call waited for budget (a retry's wait surfaces as transient).
        }
        catch (HubSpotException ex)
        {
            budget.Outcome(lane, ex);
        }
    }
}
