using System.CommandLine;
using System.Net.Http.Headers;
using MockExams.Cli.Storm;
using Spectre.Console;

namespace MockExams.Cli.Commands;

/// <summary>
/// <c>mockexams storm</c>: a booking rush against a running api (exams created through it), then every invariant
/// checked against HubSpot (the sandbox), the replica and the api. Exits non-zero on any violation.
/// </summary>
public sealed class StormCommand : Command
{
    private readonly RunningApiOptions _target = new();
    private readonly Option<int> _exams = new("--exams") { Description = "Exams to create.", DefaultValueFactory = _ => 20 };
    private readonly Option<int> _capacity = new("--capacity") { Description = "Seats per exam.", DefaultValueFactory = _ => 50 };
    private readonly Option<int> _requests = new("--requests") { Description = "Booking requests, one per distinct student.", DefaultValueFactory = _ => 2000 };
    private readonly Option<int> _duplicates = new("--duplicates") { Description = "Extra requests from students who already asked.", DefaultValueFactory = _ => 0 };
    private readonly Option<int> _cancels = new("--cancels") { Description = "Bookings to cancel after the rush.", DefaultValueFactory = _ => 0 };
    private readonly Option<int?> _concurrency = new("--concurrency") { Description = "Requests in flight at once (default: all of them)." };

    public StormCommand() : base("storm", "Booking storm: concurrent bookings against the api, then invariants checked in HubSpot, the replica and the api.")
    {
        _target.AddTo(this, _exams, _capacity, _requests, _duplicates, _cancels, _concurrency);
        SetAction((result, cancellationToken) => RunAsync(result, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult result, CancellationToken cancellationToken)
    {
        if (_target.Resolve(result) is not { } target)
        {
            return ExitCodes.Usage;
        }

        var settings = new StormSettings(
            result.GetValue(_exams), result.GetValue(_capacity), result.GetValue(_requests), result.GetValue(_duplicates),
            result.GetValue(_cancels), result.GetValue(_concurrency) ?? result.GetValue(_requests) + result.GetValue(_duplicates));
        // Every request in flight on its own connection: a rush, not a queue in front of the api.
        using var api = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = settings.Concurrency })
        {
            BaseAddress = new Uri(target.ApiUrl),
            Timeout = TimeSpan.FromSeconds(120),
        };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", target.Token);
        using var sandbox = new HttpClient { BaseAddress = new Uri(target.SandboxUrl) };
        var runner = new StormRunner(api, sandbox, Environment.GetEnvironmentVariable("ConnectionStrings__Replica"),
            message => AnsiConsole.MarkupLine($"[grey]{Markup.Escape(message)}[/]"));

        var report = await runner.RunAsync(settings, cancellationToken);
        await _target.ReportAsync(result, Figures(report), report, report.Violations, cancellationToken);
        return report.Violations is [] ? ExitCodes.Ok : ExitCodes.Violations;
    }

    private static Table Figures(StormReport report)
    {
        var table = new Table().AddColumns("figure", "value");
        table.AddRow("exams × capacity", $"{report.Exams} × {report.Capacity}");
        table.AddRow("requests", report.Requests.ToString());
        table.AddRow("booked (201)", report.Booked.ToString());
        table.AddRow("rejected (409/404/422)", $"{report.Rejected} ({string.Join(", ", report.RejectedByReason.Select(r => $"{r.Key} {r.Value}"))})");
        table.AddRow("retry later (503)", report.RetryLater.ToString());
        table.AddRow("429 seen by clients", report.Http429.ToString());
        table.AddRow("cancelled", report.Cancelled.ToString());
        table.AddRow("HubSpot calls", $"{report.HubSpotCalls} ({string.Join(", ", report.HubSpotCallsByEndpoint.Select(e => $"{e.Key} {e.Value}"))})");
        table.AddRow("HubSpot 429s", report.HubSpot429.ToString());
        table.AddRow("HubSpot calls during the rush", report.HubSpotCallsDuringRush.ToString());
        table.AddRow("booking create calls", $"{report.BookingCreateCalls} ({report.BookingsPerCreateCall} bookings per call)");
        table.AddRow("exams ever over capacity in HubSpot", report.OverCapacityExams.ToString());
        table.AddRow("wall time", $"{report.WallSeconds:0.000} s");
        table.AddRow("latency p50 / p99 / max", $"{report.P50Ms} / {report.P99Ms} / {report.MaxMs} ms");
        table.AddRow("replica checked", report.ReplicaChecked ? "yes" : "no (ConnectionStrings__Replica not set)");
        table.AddRow("violations", report.Violations.Count.ToString());
        return table;
    }
}
