using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace MockExams.Cli.Bench;

/// <summary>Renders a <see cref="ReadBenchResult"/> as a table, and as JSON for <c>--json</c>.</summary>
public static class ReadBenchReport
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static void Render(IAnsiConsole console, ReadBenchResult result)
    {
        var table = new Table().Title($"readbench: {Markup.Escape(result.CachedPath)} ({result.BodyBytes} bytes), {result.Connections} connections, {result.DurationSeconds:0.#} s")
            .AddColumn("target").AddColumn(new TableColumn("requests/s").RightAligned())
            .AddColumn(new TableColumn("p50 ms").RightAligned()).AddColumn(new TableColumn("p99 ms").RightAligned());
        table.AddRow("static (same bytes, no grain)", Number(result.StaticRps, "0"), Number(result.StaticP50Ms, "0.00"), Number(result.StaticP99Ms, "0.00"));
        table.AddRow("cached bookings", Number(result.CachedRps, "0"), Number(result.P50Ms, "0.00"), Number(result.P99Ms, "0.00"));
        foreach (var paced in result.Paced)
        {
            table.AddRow($"static, paced to {paced.Rate:0}/s", Number(paced.StaticRps, "0"), Number(paced.StaticP50Ms, "0.00"), Number(paced.StaticP99Ms, "0.00"));
            table.AddRow($"cached, paced to {paced.Rate:0}/s", Number(paced.CachedRps, "0"), Number(paced.CachedP50Ms, "0.00"), Number(paced.CachedP99Ms, "0.00"));
        }

        console.Write(table);

        console.MarkupLine($"ratio cached/static: [bold]{result.Ratio:0.000}[/] (goal ≥ {ReadBenchResult.RatioGoal}) {Verdict(result.Ratio >= ReadBenchResult.RatioGoal)}");
        console.MarkupLine($"cached p99, closed loop: [bold]{result.P99Ms:0.00} ms[/] (goal ≤ {ReadBenchResult.P99GoalMs} ms) {Verdict(result.P99Ms <= ReadBenchResult.P99GoalMs)}; "
            + $"static endpoint in the same run: {result.StaticP99Ms:0.00} ms");
        if (result.Paced is not [])
        {
            console.MarkupLine($"p99 ≤ {ReadBenchResult.P99GoalMs} ms at {result.Connections} connections, paced: cached up to [bold]{Rate(result.CachedP99GoalRate)}[/], "
                + $"static up to [bold]{Rate(result.StaticP99GoalRate)}[/] (of the rates run)");
        }
        console.MarkupLine(result.HubSpotCalls is { } calls
            ? $"HubSpot calls during the run: [bold]{calls}[/] {Verdict(calls == 0)}"
            : "HubSpot calls: not measured (give --sandbox or MOCKEXAMS_SANDBOX_URL)");
        foreach (var (endpoint, count) in result.HubSpotCallsByEndpoint ?? new Dictionary<string, long>())
        {
            console.MarkupLine($"  {count} x {Markup.Escape(endpoint)}");
        }
        var errors = result.AllErrors;
        if (errors > 0)
        {
            console.MarkupLine($"[red]{errors} responses were not 200 with the expected body[/]");
        }
    }

    public static async Task WriteJsonAsync(string path, ReadBenchResult result, CancellationToken cancellationToken)
    {
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, result, Json, cancellationToken);
    }

    private static string Rate(double? rate) => rate is { } perSecond ? $"{Number(perSecond, "0")} requests/s" : "no rate run";

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Verdict(bool met) => met ? "[green]met[/]" : "[yellow]not met[/]";
}
