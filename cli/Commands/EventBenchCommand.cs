using System.CommandLine;
using System.Net.Http.Headers;
using MockExams.Cli.Events;
using Spectre.Console;

namespace MockExams.Cli.Commands;

/// <summary>
/// <c>mockexams eventbench</c>: N SSE subscribers on one api during a booking storm; reports update latency p50/p99
/// and whether every subscriber saw its exam's final seat count (exit 1 when one did not).
/// </summary>
public sealed class EventBenchCommand : Command
{
    private readonly RunningApiOptions _target = new();
    private readonly Option<int> _subscribers = new("--subscribers") { Description = "SSE subscribers, each watching one exam.", DefaultValueFactory = _ => 1000 };
    private readonly Option<int> _exams = new("--exams") { Description = "Exams to create.", DefaultValueFactory = _ => 10 };
    private readonly Option<int> _capacity = new("--capacity") { Description = "Seats per exam.", DefaultValueFactory = _ => 40 };
    private readonly Option<int> _bookings = new("--bookings") { Description = "Booking requests in the storm.", DefaultValueFactory = _ => 500 };
    private readonly Option<int> _concurrency = new("--concurrency") { Description = "Booking requests in flight at once.", DefaultValueFactory = _ => 32 };
    private readonly Option<int?> _apiPid = new("--api-pid") { Description = "The api's process id, to record its CPU time per event (Linux)." };

    public EventBenchCommand() : base("eventbench", "Realtime events under load: many SSE subscribers on one api during a booking storm.")
    {
        _target.AddTo(this, _subscribers, _exams, _capacity, _bookings, _concurrency, _apiPid);
        SetAction((result, cancellationToken) => RunAsync(result, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult result, CancellationToken cancellationToken)
    {
        if (_target.Resolve(result) is not { } target)
        {
            return ExitCodes.Usage;
        }

        var settings = new EventBenchSettings(result.GetValue(_subscribers), result.GetValue(_exams), result.GetValue(_capacity),
            result.GetValue(_bookings), result.GetValue(_concurrency), result.GetValue(_apiPid));
        var baseAddress = new Uri(target.ApiUrl.TrimEnd('/') + "/");
        using var api = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = settings.Concurrency })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(120),
        };
        // One connection per subscriber, open for the whole run.
        using var streams = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue })
        {
            BaseAddress = baseAddress,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        foreach (var client in new[] { api, streams })
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", target.Token);
        }

        using var sandbox = new HttpClient { BaseAddress = new Uri(target.SandboxUrl) };
        var bench = new EventBench(api, streams, sandbox, message => AnsiConsole.MarkupLine($"[grey]{Markup.Escape(message)}[/]"));
        var report = await bench.RunAsync(settings, cancellationToken);
        await _target.ReportAsync(result, Figures(report), report, report.Violations, cancellationToken);
        return report.Violations is [] ? ExitCodes.Ok : ExitCodes.Violations;
    }

    private static Table Figures(EventBenchReport report)
    {
        var table = new Table().AddColumns("figure", "value");
        table.AddRow("subscribers connected", $"{report.SubscribersConnected} of {report.Subscribers} ({report.Refused503} refused 503)");
        table.AddRow("exams", report.Exams.ToString());
        table.AddRow("bookings 201 / other", $"{report.BookingsAnswered201} / {report.BookingsOther}");
        table.AddRow("storm", $"{report.StormSeconds:0.000} s");
        table.AddRow("events received", report.EventsReceived.ToString());
        table.AddRow("update latency p50 / p99 / max", $"{report.P50Ms} / {report.P99Ms} / {report.MaxMs} ms ({report.LatencySamples} samples)");
        table.AddRow("saw the final counts", $"{report.SawFinalCounts} of {report.SubscribersConnected}");
        table.AddRow("api CPU", report.ApiCpuSeconds is { } cpu ? $"{cpu} s (bookings included), {report.ApiCpuMicrosecondsPerEvent} µs per event delivered" : "not measured (--api-pid)");
        return table;
    }
}
