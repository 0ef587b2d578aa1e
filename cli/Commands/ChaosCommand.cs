using System.CommandLine;
using System.Text.Json;
using MockExams.Cli.Chaos;
using Spectre.Console;

namespace MockExams.Cli.Commands;

/// <summary>
/// <c>mockexams chaos</c>: starts its own cluster (N silos, M apis, the sandbox, its own Redis and a fresh database on
/// the given Postgres), runs bookings, cancels, batch cancels, exam edits, staff edits in HubSpot and reads while a
/// seeded schedule injects faults, then checks every invariant against HubSpot's truth. Exit 1 on any violation.
/// </summary>
public sealed class ChaosCommand : Command
{
    private readonly Option<int?> _seed = new("--seed") { Description = "Replays a schedule (default: a random seed, printed)." };
    private readonly Option<int> _duration = new("--duration") { Description = "Seconds of workload and faults.", DefaultValueFactory = _ => 120 };
    private readonly Option<int> _silos = new("--silos") { Description = "Silo processes.", DefaultValueFactory = _ => 3 };
    private readonly Option<int> _apis = new("--apis") { Description = "Api processes.", DefaultValueFactory = _ => 2 };
    private readonly Option<int> _exams = new("--exams") { Description = "Exams created at the start.", DefaultValueFactory = _ => 8 };
    private readonly Option<int> _capacity = new("--capacity") { Description = "Seats per exam.", DefaultValueFactory = _ => 30 };
    private readonly Option<int> _workers = new("--workers") { Description = "Concurrent clients.", DefaultValueFactory = _ => 8 };
    private readonly Option<string?> _postgres = new("--postgres") { Description = "Npgsql connection string of a Postgres server (a fresh database is made there); defaults to $ConnectionStrings__Replica." };
    private readonly Option<string?> _json = new("--json") { Description = "Write the report as JSON to this file." };

    public ChaosCommand() : base("chaos", "Chaos run: its own cluster, a booking workload and scheduled faults (silo kill -9, Redis restart, FLUSHALL, Postgres stop, HubSpot 5xx/timeouts/late writes, a tighter budget); every invariant checked against HubSpot.")
    {
        foreach (var option in new Option[] { _seed, _duration, _silos, _apis, _exams, _capacity, _workers, _postgres, _json })
        {
            Options.Add(option);
        }

        SetAction((result, cancellationToken) => RunAsync(result, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var postgres = result.GetValue(_postgres) ?? Environment.GetEnvironmentVariable("ConnectionStrings__Replica");
        if (postgres is null)
        {
            Console.Error.WriteLine("Give --postgres (or ConnectionStrings__Replica; ./run.sh and ./test.sh set it) so the run can make its database.");
            return ExitCodes.Usage;
        }

        var seed = result.GetValue(_seed) ?? Random.Shared.Next(1, 1_000_000);
        var settings = new ChaosSettings(seed, TimeSpan.FromSeconds(result.GetValue(_duration)), result.GetValue(_silos), result.GetValue(_apis),
            result.GetValue(_exams), result.GetValue(_capacity), result.GetValue(_workers), postgres,
            Path.Combine(Environment.CurrentDirectory, ".data", "chaos", $"{seed}-{DateTime.UtcNow:yyyyMMddHHmmss}"), TimeSpan.FromSeconds(60));
        AnsiConsole.MarkupLine($"[grey]chaos seed {seed} (replay with --seed {seed})[/]");
        ChaosReport report;
        try
        {
            report = await new ChaosRunner(settings, message => AnsiConsole.MarkupLine($"[grey]{Markup.Escape(message)}[/]")).RunAsync(cancellationToken);
        }
        catch (ChaosSetupException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return ExitCodes.Unavailable;
        }

        Render(report);
        if (result.GetValue(_json) is { } file)
        {
            await File.WriteAllTextAsync(file, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }), cancellationToken);
        }

        return report.Violations is [] ? ExitCodes.Ok : ExitCodes.Violations;
    }

    private static void Render(ChaosReport report)
    {
        var faults = new Table().AddColumns("at (s)", "fault", "detail");
        foreach (var fault in report.Faults.OrderBy(f => f.AtSeconds))
        {
            faults.AddRow($"{fault.AtSeconds:0.0}", fault.Kind, Markup.Escape(fault.Detail));
        }

        AnsiConsole.Write(faults);
        var figures = new Table().AddColumns("figure", "value");
        figures.AddRow("seed / duration", $"{report.Seed} / {report.DurationSeconds:0} s");
        figures.AddRow("silos / apis", $"{report.Silos} / {report.Apis}");
        figures.AddRow("requests", string.Join(", ", report.RequestsByKind.Select(k => $"{k.Key} {k.Value}")));
        figures.AddRow("answers", string.Join(", ", report.AnswersByStatus.Select(k => $"{k.Key} {k.Value}")));
        figures.AddRow("booked (201) / told to retry (503)", $"{report.Booked} / {report.RetryLater}");
        figures.AddRow("write p99", $"{report.WriteP99Ms} ms");
        figures.AddRow("HubSpot calls / 429s", $"{report.HubSpotCalls} / {report.HubSpot429}");
        figures.AddRow("processes that exited on their own (restarted)", report.SelfExits.Count.ToString());
        figures.AddRow("replica equal to HubSpot", report.ConvergedSecondsAfterLastFault is { } s ? $"{s} s after the last fault" : "not within the window");
        AnsiConsole.Write(figures);
        var checks = new Table().AddColumns("check", "checked", "violations");
        foreach (var check in report.Checks)
        {
            checks.AddRow(Markup.Escape(check.Name), check.Checked.ToString(), check.Violations == 0 ? "[green]0[/]" : $"[red]{check.Violations}[/]");
        }

        AnsiConsole.Write(checks);
        foreach (var exit in report.SelfExits)
        {
            AnsiConsole.MarkupLine($"[yellow]exit:[/] {Markup.Escape(exit)}");
        }

        foreach (var violation in report.Violations)
        {
            AnsiConsole.MarkupLine($"[red]violation:[/] {Markup.Escape(violation)}");
        }
    }
}
