using System.CommandLine;
using System.Net.Http.Headers;
using System.Text.Json;
using MockExams.Cli.Events;
using MockExams.Cli.Tokens;
using Spectre.Console;

namespace MockExams.Cli.Commands;

/// <summary>
/// <c>mockexams eventbench</c>: N SSE subscribers on one api during a booking storm; reports update latency p50/p99
/// and whether every subscriber saw its exam's final seat count (exit 1 when one did not).
/// </summary>
public sealed class EventBenchCommand : Command
{
    private readonly Option<string?> _api = new("--api") { Description = "api base URL; defaults to $MOCKEXAMS_API_URL." };
    private readonly Option<string?> _sandbox = new("--sandbox") { Description = "sandbox base URL; defaults to $MOCKEXAMS_SANDBOX_URL." };
    private readonly Option<string?> _token = new("--token") { Description = "Bearer token; defaults to $TOKEN, else one minted with $Auth__JwtSecret." };
    private readonly Option<int> _subscribers = new("--subscribers") { Description = "SSE subscribers, each watching one exam.", DefaultValueFactory = _ => 1000 };
    private readonly Option<int> _exams = new("--exams") { Description = "Exams to create.", DefaultValueFactory = _ => 10 };
    private readonly Option<int> _capacity = new("--capacity") { Description = "Seats per exam.", DefaultValueFactory = _ => 40 };
    private readonly Option<int> _bookings = new("--bookings") { Description = "Booking requests in the storm.", DefaultValueFactory = _ => 500 };
    private readonly Option<int> _concurrency = new("--concurrency") { Description = "Booking requests in flight at once.", DefaultValueFactory = _ => 32 };
    private readonly Option<int?> _apiPid = new("--api-pid") { Description = "The api's process id, to record its CPU time per event (Linux)." };
    private readonly Option<string?> _json = new("--json") { Description = "Write the summary as JSON to this file." };

    public EventBenchCommand() : base("eventbench", "Realtime events under load: many SSE subscribers on one api during a booking storm.")
    {
        foreach (var option in new Option[] { _api, _sandbox, _token, _subscribers, _exams, _capacity, _bookings, _concurrency, _apiPid, _json })
        {
            Options.Add(option);
        }

        SetAction((result, cancellationToken) => RunAsync(result, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var apiUrl = result.GetValue(_api) ?? Environment.GetEnvironmentVariable("MOCKEXAMS_API_URL");
        var sandboxUrl = result.GetValue(_sandbox) ?? Environment.GetEnvironmentVariable("MOCKEXAMS_SANDBOX_URL");
        if (apiUrl is null || sandboxUrl is null)
        {
            Console.Error.WriteLine("Give --api and --sandbox (or MOCKEXAMS_API_URL and MOCKEXAMS_SANDBOX_URL; ./run.sh writes them to .data/run/env).");
            return ExitCodes.Usage;
        }

        var token = result.GetValue(_token) ?? Environment.GetEnvironmentVariable("TOKEN");
        if (token is null && Environment.GetEnvironmentVariable("Auth__JwtSecret") is { Length: > 0 } secret)
        {
            token = DevTokens.Create(secret, Environment.GetEnvironmentVariable("Auth__Issuer") ?? DevTokens.DefaultIssuer,
                Environment.GetEnvironmentVariable("Auth__Audience") ?? "authenticated", ["exams.view", "exams.edit", "bookings.manage"],
                TimeSpan.FromHours(1));
        }

        if (token is null)
        {
            Console.Error.WriteLine("No token: pass --token, set TOKEN, or set Auth__JwtSecret to mint one.");
            return ExitCodes.Usage;
        }

        var settings = new EventBenchSettings(result.GetValue(_subscribers), result.GetValue(_exams), result.GetValue(_capacity),
            result.GetValue(_bookings), result.GetValue(_concurrency), result.GetValue(_apiPid));
        var baseAddress = new Uri(apiUrl.TrimEnd('/') + "/");
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
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var sandbox = new HttpClient { BaseAddress = new Uri(sandboxUrl) };
        var bench = new EventBench(api, streams, sandbox, message => AnsiConsole.MarkupLine($"[grey]{Markup.Escape(message)}[/]"));
        var report = await bench.RunAsync(settings, cancellationToken);
        Render(report);
        if (result.GetValue(_json) is { } file)
        {
            await File.WriteAllTextAsync(file, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }), cancellationToken);
        }

        return report.Violations is [] ? ExitCodes.Ok : ExitCodes.Violations;
    }

    private static void Render(EventBenchReport report)
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
        AnsiConsole.Write(table);
        foreach (var violation in report.Violations)
        {
            AnsiConsole.MarkupLine($"[red]violation:[/] {Markup.Escape(violation)}");
        }
    }
}
