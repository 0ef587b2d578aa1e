using System.CommandLine;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using MockExams.Sync;
using Spectre.Console;

namespace MockExams.Cli.Sync;

/// <summary>Starts a reconcile run through the api, follows it, and prints what it found.</summary>
public static class ReconcileRunner
{
    private static readonly string[] Kinds = ["missing", "extra", "stale", "archivedButLive"];

    public static async Task<int> RunAsync(ApiConnection api, ParseResult result, bool repair, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var client = api.CreateClient(result, TimeSpan.FromSeconds(60));
        if (client is null)
        {
            return ExitCodes.Usage;
        }
        JsonElement run;
        try
        {
            using var started = await client.PostAsync($"api/admin/sync/reconcile?repair={(repair ? "true" : "false")}", null, cancellationToken);
            var body = await started.Content.ReadAsStringAsync(cancellationToken);
            if (!started.IsSuccessStatusCode)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]{(int)started.StatusCode}[/] {SyncCommands.ProblemText(body)}");
                return ExitCodes.Usage;
            }
            var runId = JsonDocument.Parse(body).RootElement.GetProperty("run_id").GetInt64();
            run = await FollowAsync(client, runId, timeout, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]The api at {client.BaseAddress} does not answer:[/] {ex.Message}");
            return ExitCodes.Unavailable;
        }
        catch (TimeoutException ex)
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]{ex.Message}[/]");
            return ExitCodes.TimedOut;
        }

        if (run.GetProperty("status").GetString() != "succeeded")
        {
            AnsiConsole.MarkupLineInterpolated($"[red]Reconcile failed:[/] {run.GetProperty("error").GetString()}");
            return ExitCodes.Unavailable;
        }
        return Print(run, repair);
    }

    private static async Task<JsonElement> FollowAsync(HttpClient client, long runId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        return await AnsiConsole.Status().StartAsync($"reconciling (run {runId})", async _ =>
        {
            while (true)
            {
                var run = await client.GetFromJsonAsync<JsonElement>($"api/admin/sync/runs/{runId}", cancellationToken);
                if (run.GetProperty("status").GetString() != "running")
                {
                    return run;
                }
                if (clock.Elapsed > timeout)
                {
                    throw new TimeoutException($"Run {runId} still running after {timeout.TotalSeconds:N0} s; see `mockexams sync status`.");
                }
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        });
    }

    private static int Print(JsonElement run, bool repair)
    {
        var counts = run.GetProperty("counts");
        var details = run.GetProperty("details");
        var table = new Table().AddColumns("", "checked", "missing", "extra", "stale", "archived but live", "repaired");
        var drift = 0;
        var unrepaired = 0;
        foreach (var objectType in SyncObjectTypes.All)
        {
            if (!counts.TryGetProperty(objectType, out var c))
            {
                continue;
            }
            int Get(string name) => c.TryGetProperty(name, out var v) ? v.GetInt32() : 0;
            var found = Kinds.Sum(Get);
            drift += found;
            unrepaired += found - Get("repaired");
            table.AddRow(objectType, $"{Get("checked"):N0}", $"{Get("missing")}", $"{Get("extra")}", $"{Get("stale")}", $"{Get("archivedButLive")}", $"{Get("repaired")}");
        }
        AnsiConsole.Write(table);
        foreach (var objectType in SyncObjectTypes.All)
        {
            if (!details.TryGetProperty(objectType, out var d))
            {
                continue;
            }
            foreach (var kind in Kinds)
            {
                if (d.TryGetProperty(kind, out var ids) && ids.GetArrayLength() > 0)
                {
                    AnsiConsole.MarkupLineInterpolated($"{objectType} {kind}: {string.Join(", ", ids.EnumerateArray().Select(i => i.GetString()))}");
                }
            }
        }

        if (drift == 0)
        {
            AnsiConsole.MarkupLine("[green]The replica matches HubSpot.[/]");
            return ExitCodes.Ok;
        }
        if (repair && unrepaired <= 0)
        {
            AnsiConsole.MarkupLineInterpolated($"[green]Repaired {drift} drifted records.[/]");
            return ExitCodes.Ok;
        }
        AnsiConsole.MarkupLineInterpolated($"[yellow]{drift} drifted records{(repair ? "" : "; run with --repair to fix them")}.[/]");
        return ExitCodes.Violations;
    }
}
