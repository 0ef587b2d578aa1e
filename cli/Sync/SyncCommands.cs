using System.CommandLine;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using MockExams.Grains.Replica;
using MockExams.ServiceDefaults.Connections;
using MockExams.Sync;
using Npgsql;
using Spectre.Console;

namespace MockExams.Cli.Sync;

/// <summary>The work behind <c>mockexams sync</c>, <c>sync wait</c> and <c>sync status</c>.</summary>
public static class SyncCommands
{
    // The api's contract: snake_case names.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static async Task<int> ForceAsync(
        ApiConnection api, ParseResult result, string type, string? examId, CancellationToken cancellationToken)
    {
        using var client = api.CreateClient(result, TimeSpan.FromMinutes(10));
        if (client is null)
        {
            return ExitCodes.Usage;
        }
        var query = type == "bookings" ? $"type=bookings&examId={Uri.EscapeDataString(examId ?? "")}" : "type=exams";
        try
        {
            using var response = await client.PostAsync($"api/admin/sync/force-supabase?{query}", null, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]{(int)response.StatusCode} {response.StatusCode}[/] {ProblemText(body)}");
                return response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                    ? ExitCodes.Usage
                    : ExitCodes.Unavailable;
            }
            var answer = JsonDocument.Parse(body).RootElement;
            AnsiConsole.MarkupLineInterpolated($"[green]{answer.GetProperty("message").GetString()}[/]");
            return ExitCodes.Ok;
        }
        catch (HttpRequestException ex)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]The api at {client.BaseAddress} does not answer:[/] {ex.Message}");
            return ExitCodes.Unavailable;
        }
    }

    /// <summary>Polls <c>sync_state</c> until both object types have a finished backfill and none is unfinished.</summary>
    public static async Task<int> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        string connectionString;
        try
        {
            connectionString = new ConfigurationBuilder().AddEnvironmentVariables().Build().RequiredConnectionString(ConnectionStrings.Replica);
        }
        catch (OptionsValidationException ex)
        {
            Console.Error.WriteLine($"{ex.Message} (./run.sh writes it to .data/run/env)");
            return ExitCodes.Usage;
        }

        await using var dataSource = NpgsqlDataSource.Create(ReplicaConnectionString.Normalize(connectionString));
        var state = new SyncStateStore(dataSource);
        var clock = Stopwatch.StartNew();
        var reported = -1L;
        while (true)
        {
            try
            {
                var rows = await state.ReadAsync(cancellationToken);
                if (SyncObjectTypes.All.All(t => rows.TryGetValue(t, out var row) && row.LastBackfillAt is not null && !row.BackfillUnfinished))
                {
                    Console.WriteLine($"The replica is filled ({rows[SyncObjectTypes.Exams].BackfillWritten:N0} exams, "
                        + $"{rows[SyncObjectTypes.Bookings].BackfillWritten:N0} bookings).");
                    return ExitCodes.Ok;
                }
                var written = rows.Values.Sum(r => r.BackfillWritten);
                if (written != reported && clock.Elapsed > TimeSpan.FromSeconds(2))
                {
                    Console.WriteLine($"backfilling: {written:N0} records written");
                    reported = written;
                }
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
            {
                // The silo has not applied its migrations yet.
            }
            catch (NpgsqlException) when (clock.Elapsed < timeout)
            {
                // Postgres not up yet: keep waiting within the timeout.
            }
            if (clock.Elapsed >= timeout)
            {
                Console.Error.WriteLine($"The first backfill had not finished after {timeout.TotalSeconds:N0} s.");
                return ExitCodes.TimedOut;
            }
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }

    public static async Task<int> StatusAsync(ApiConnection api, ParseResult result, CancellationToken cancellationToken)
    {
        using var client = api.CreateClient(result, TimeSpan.FromSeconds(30));
        if (client is null)
        {
            return ExitCodes.Usage;
        }
        SyncStatus? status;
        try
        {
            status = await client.GetFromJsonAsync<SyncStatus>("api/admin/sync/status", Json, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]Could not read the sync status from {client.BaseAddress}:[/] {ex.Message}");
            return ExitCodes.Unavailable;
        }
        if (status is null)
        {
            return ExitCodes.Unavailable;
        }

        var table = new Table().AddColumns("", "last backfill", "last incremental", "watermark", "lag (s)", "last reconcile", "drift", "rows (live)");
        foreach (var t in status.ObjectTypes)
        {
            table.AddRow(
                t.ObjectType,
                t.BackfillUnfinished ? $"running/unfinished {t.BackfillWritten:N0}/{t.BackfillTotal?.ToString("N0") ?? "?"}" : Time(t.LastBackfillAt),
                Time(t.LastIncrementalAt),
                Time(t.Watermark),
                t.LagSeconds?.ToString("N0") ?? "-",
                Time(t.LastReconcileAt),
                t.LastReconcileDrift is { } d ? $"{d.Missing} missing, {d.Extra} extra, {d.Stale} stale, {d.ArchivedButLive} archived" : "-",
                $"{t.Rows:N0} ({t.LiveRows:N0})");
        }
        AnsiConsole.Write(table);
        var w = status.Webhooks;
        AnsiConsole.MarkupLineInterpolated($"webhook events: {w.Received:N0} received, {w.Applied:N0} applied, {w.Pending:N0} pending; incremental every {status.IncrementalIntervalSeconds} s");
        return ExitCodes.Ok;
    }

    internal static string ProblemText(string body)
    {
        try
        {
            var problem = JsonDocument.Parse(body).RootElement;
            var text = problem.TryGetProperty("detail", out var detail) ? detail.GetString() : problem.GetProperty("title").GetString();
            if (problem.TryGetProperty("errors", out var errors))
            {
                text += " " + string.Join("; ", errors.EnumerateObject().Select(e => $"{e.Name}: {string.Join(' ', e.Value.EnumerateArray().Select(v => v.GetString()))}"));
            }
            return text ?? body;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return body;
        }
    }

    private static string Time(DateTimeOffset? at) => at?.ToString("yyyy-MM-dd HH:mm:ss") ?? "-";
}
