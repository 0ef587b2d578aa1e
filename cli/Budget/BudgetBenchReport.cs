using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace MockExams.Cli.Budget;

/// <summary>Renders a <see cref="BudgetBenchResult"/> as tables, and as JSON for <c>--json</c>.</summary>
public static class BudgetBenchReport
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static void Render(IAnsiConsole console, BudgetBenchResult r)
    {
        var title = $"budgetbench: {r.Processes} process(es) × ({r.BackfillWorkers} backfill, {r.SyncWorkers} sync, "
            + $"{Number(r.UserWritesPerSecond, "0.#")} user writes/s, {r.Searchers} search), {r.DurationSeconds:0} s, sandbox latency {r.SandboxLatencyMs} ms";
        var table = new Table().Title(Markup.Escape(title)).AddColumn("figure").AddColumn(new TableColumn("value").RightAligned());
        table.AddRow("HubSpot limit (calls/10 s) × headroom", $"{r.HubSpotLimit} × {Number(r.Headroom, "0.##")}");
        table.AddRow("[bold]budget[/]: governor's spend (calls/10 s)", Number(r.BudgetPerTenSeconds, "0.#"));
        table.AddRow("bucket: burst + refill", $"{Number(r.BucketBurst, "0.#")} + {Number(r.BucketRatePerSecond, "0.###")}/s");
        table.AddRow("calls/s, HubSpot's count (sandbox)", Number(r.HubSpotCallsPerSecond, "0.000"));
        table.AddRow("calls/s, granted by the governors", Number(r.ClientCallsPerSecond, "0.000"));
        table.AddRow("calls granted, by process", string.Join(" + ", r.ClientCallsByProcess.Select(c => c.ToString("N0", CultureInfo.InvariantCulture))));
        table.AddRow("[bold]utilisation[/] (calls/s ÷ budget/s)", $"[bold]{Percent(r.Utilisation)}[/] {Verdict(r.Utilisation >= BudgetBenchResult.UtilisationGoal)}");
        table.AddRow("÷ bucket's most (burst + refill × time)", Percent(r.RatioToBucketBound));
        table.AddRow("÷ HubSpot's raw limit", Percent(r.RatioToHubSpotLimit));
        table.AddRow("HubSpot's rolling 10 s count: mean / peak", $"{(r.WindowMean > 0 ? Number(r.WindowMean, "0.0") : "n/a")} / {r.WindowPeak} (limit {r.HubSpotLimit})");
        table.AddRow("searches/s, HubSpot's count", Number(r.SearchesPerSecond, "0.000"));
        table.AddRow("search budget/s (limit × headroom)", $"{Number(r.SearchBudgetPerSecond, "0.##")} (bucket refill {Number(r.SearchBucketRatePerSecond, "0.##")}/s)");
        table.AddRow("searches ÷ budget / bucket's most / limit",
            $"{Percent(r.SearchUtilisation)} / {Percent(r.SearchRatioToBucketBound)} / {Percent(r.SearchRatioToHubSpotLimit)}");
        table.AddRow("[bold]429s[/] (sandbox)", r.Http429 == 0
            ? "[green]0[/]"
            : $"[red]{r.Http429}[/] ({Markup.Escape(string.Join(", ", r.Http429ByPolicy.Select(p => $"{p.Key} {p.Value}")))})");
        table.AddRow("other failed calls", r.Failed == 0 ? "0" : $"[red]{r.Failed}[/]");
        console.Write(table);

        var lanes = new Table().Title("lanes: what the governors granted (waits in ms)").AddColumn("lane");
        foreach (var column in new[] { "calls", "calls/s", "share", "wait p50", "wait p99", "ref/429/fail" })
        {
            lanes.AddColumn(new TableColumn(column).RightAligned());
        }
        foreach (var l in r.Lanes)
        {
            lanes.AddRow(l.Lane, $"{l.Calls:N0}", Number(l.CallsPerSecond, "0.00"), Percent(l.Share),
                Number(l.WaitP50Ms, "0"), Number(l.WaitP99Ms, "0"), $"{l.Refused}/{l.RateLimited}/{l.Failed}");
        }
        console.Write(lanes);
    }

    public static async Task WriteJsonAsync(string path, BudgetBenchResult result, CancellationToken cancellationToken)
    {
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, result, Json, cancellationToken);
    }

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Percent(double ratio) => (ratio * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    private static string Verdict(bool met) => met ? "[green]met[/]" : "[yellow]not met[/]";
}
