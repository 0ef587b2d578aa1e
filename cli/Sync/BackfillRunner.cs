using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MockExams.Grains.Cache;
using MockExams.Grains.HubSpot;
using MockExams.Grains.Replica;
using MockExams.Grains.Sync;
using MockExams.Grains.Sync.Backfill;
using Npgsql;
using Spectre.Console;
using StackExchange.Redis;

namespace MockExams.Cli.Sync;

/// <summary>Runs <see cref="BackfillService"/> in the CLI's own host and draws its progress.</summary>
public static class BackfillRunner
{
    public static async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        using var host = BuildHost();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is OptionsValidationException or InvalidOperationException or NpgsqlException or RedisConnectionException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]Cannot start:[/] {ex.Message}");
            return ex is OptionsValidationException or InvalidOperationException ? ExitCodes.Usage : ExitCodes.Unavailable;
        }

        var backfill = host.Services.GetRequiredService<BackfillService>();
        var hubSpot = host.Services.GetRequiredService<IOptions<HubSpotOptions>>().Value;
        AnsiConsole.MarkupLineInterpolated($"Backfilling the replica from [bold]{hubSpot.BaseUrl}[/] at up to {hubSpot.CallsPerTenSeconds} calls/10 s.");
        var latest = new LatestProgress();
        var clock = Stopwatch.StartNew();
        var run = backfill.RunAsync(latest, cancellationToken);
        try
        {
            if (AnsiConsole.Profile.Capabilities.Interactive)
            {
                await DrawAsync(run, latest);
            }
            else
            {
                await PrintAsync(run, latest);
            }
            var summary = await run;
            if (!summary.Completed)
            {
                AnsiConsole.MarkupLineInterpolated($"[yellow]A backfill is already running[/] ({summary.Holder ?? "another process"}); `mockexams sync wait` waits for it.");
                return ExitCodes.Busy;
            }
            PrintSummary(summary);
            return ExitCodes.Ok;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]Interrupted after {clock.Elapsed:hh\\:mm\\:ss}.[/] Progress is checkpointed: run `mockexams backfill` again to resume.");
            return ExitCodes.Interrupted;
        }
        catch (HubSpotException ex)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]HubSpot failed:[/] {ex.Message} Progress is checkpointed: run again to resume.");
            return ExitCodes.Unavailable;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private static IHost BuildHost()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        // The progress bar owns the terminal; failures surface as exceptions and the summary.
        builder.Logging.ClearProviders();
        builder.AddReplica();
        builder.AddExamCache();
        builder.AddHubSpot();
        builder.AddReplicaBackfill();
        return builder.Build();
    }

    private static async Task DrawAsync(Task run, LatestProgress latest)
    {
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var exams = context.AddTask("exams", maxValue: 1);
                var bookings = context.AddTask("bookings", maxValue: 1);
                exams.IsIndeterminate = bookings.IsIndeterminate = true;
                while (!run.IsCompleted)
                {
                    Update(exams, bookings, latest.Current);
                    await Task.WhenAny(run, Task.Delay(250));
                }
                if (run.IsCompletedSuccessfully)
                {
                    Update(exams, bookings, latest.Current);
                    exams.Value = exams.MaxValue;
                    bookings.Value = bookings.MaxValue;
                }
            });
    }

    private static void Update(ProgressTask exams, ProgressTask bookings, BackfillProgress? progress)
    {
        if (progress is null)
        {
            return;
        }
        Set(exams, "exams", progress.ExamsWritten, progress.ExamsTotal, progress.Elapsed);
        Set(bookings, "bookings", progress.BookingsWritten, progress.BookingsTotal, progress.Elapsed);
    }

    private static void Set(ProgressTask task, string name, long written, long? total, TimeSpan elapsed)
    {
        var rate = elapsed.TotalSeconds > 0 ? written / elapsed.TotalSeconds : 0;
        task.Description = $"{name} {written:N0}{(total is { } t ? $"/{t:N0}" : "")} ({rate:N0}/s)";
        if (total is { } known && known > 0)
        {
            task.IsIndeterminate = false;
            task.MaxValue = Math.Max(known, written);
            task.Value = written;
        }
    }

    // No terminal to redraw (logs, CI): a line every few seconds instead.
    private static async Task PrintAsync(Task run, LatestProgress latest)
    {
        while (!run.IsCompleted)
        {
            await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(5)));
            if (latest.Current is { } p)
            {
                Console.WriteLine($"exams {p.ExamsWritten:N0}/{p.ExamsTotal?.ToString("N0") ?? "?"}, bookings {p.BookingsWritten:N0}/{p.BookingsTotal?.ToString("N0") ?? "?"}, "
                    + $"{p.Calls:N0} calls + {p.SearchCalls:N0} searches, {p.Elapsed:hh\\:mm\\:ss}");
            }
        }
    }

    private static void PrintSummary(BackfillSummary summary)
    {
        var seconds = Math.Max(summary.Elapsed.TotalSeconds, 0.001);
        var table = new Table().AddColumns("", "value");
        table.AddRow("exams written", $"{summary.Exams:N0}");
        table.AddRow("bookings written", $"{summary.Bookings:N0}");
        table.AddRow("HubSpot calls (10-second budget)", $"{summary.Calls:N0}");
        table.AddRow("HubSpot searches (search budget)", $"{summary.SearchCalls:N0}");
        table.AddRow("time", $"{summary.Elapsed:hh\\:mm\\:ss\\.f}");
        table.AddRow("records/s", $"{(summary.Exams + summary.Bookings) / seconds:N0}");
        table.AddRow("resumed an interrupted backfill", summary.Resumed ? "yes" : "no");
        table.AddRow("sync run", $"{summary.RunId}");
        AnsiConsole.Write(table);
    }

    private sealed class LatestProgress : IProgress<BackfillProgress>
    {
        private BackfillProgress? _current;

        public BackfillProgress? Current => Volatile.Read(ref _current);

        public void Report(BackfillProgress value) => Volatile.Write(ref _current, value);
    }
}
