using System.CommandLine;
using MockExams.Cli.Bench;
using MockExams.Cli.Tokens;
using Spectre.Console;

namespace MockExams.Cli.Commands;

/// <summary>
/// <c>mockexams readbench</c>: cached bookings reads against a static endpoint of the same api (run the api with
/// <c>Api__BenchmarkEndpoints=true</c>). Exit 0 when the run was clean, 1 when responses failed or HubSpot was
/// called, 2 for bad arguments, 3 when the api or sandbox cannot be reached.
/// </summary>
public sealed class ReadBenchCommand : Command
{
    private readonly Option<string?> _api = new("--api")
    {
        Description = "Base URL of the api; defaults to $MOCKEXAMS_API_URL, else http://127.0.0.1:5080.",
    };

    private readonly Option<string?> _token = new("--token")
    {
        Description = "Bearer token with exams.view and exams.edit (the baseline's body is published with a PUT that needs it); defaults to $TOKEN, else one minted with $Auth__JwtSecret.",
    };

    private readonly Option<string?> _exam = new("--exam")
    {
        Description = "Exam whose bookings to read; without it, the exam readbench-50 (50 bookings) is upserted into the replica ($ConnectionStrings__Replica).",
    };

    private readonly Option<string?> _sandbox = new("--sandbox")
    {
        Description = "HubSpot sandbox URL whose /__sandbox/stats count HubSpot calls; defaults to $MOCKEXAMS_SANDBOX_URL.",
    };

    private readonly Option<int> _connections = new("--connections", "-c")
    {
        Description = "Concurrent connections (closed loop).",
        DefaultValueFactory = _ => 64,
    };

    private readonly Option<double> _duration = new("--duration", "-d")
    {
        Description = "Measured seconds per target (split over two alternating rounds).",
        DefaultValueFactory = _ => 20,
    };

    private readonly Option<double> _warmup = new("--warmup")
    {
        // 20 s: with 4 s the first run after a start measured the api still settling (tiered JIT, the GC sizing its
        // heaps, the silo's start-up sync), static p99 7–11 ms against 5–7 ms in the next run (docs/BENCHMARKS.md).
        Description = "Warm-up seconds, split between the two targets, before measuring.",
        DefaultValueFactory = _ => 20,
    };

    private readonly Option<double[]> _rate = new("--rate")
    {
        Description = "Also measure latency with both targets paced to this many requests/s (open loop, below saturation); "
            + "repeat it (--rate 500 --rate 2000) to find the highest rate that keeps p99 within the goal.",
        DefaultValueFactory = _ => [],
    };

    private readonly Option<string?> _json = new("--json")
    {
        Description = "Also write the figures to this JSON file (ratio, cached_rps, static_rps, p50_ms, p99_ms, hubspot_calls, ...).",
    };

    public ReadBenchCommand() : base("readbench", "Benchmark cached reads against a static endpoint of the same running api.")
    {
        Options.Add(_api);
        Options.Add(_token);
        Options.Add(_exam);
        Options.Add(_sandbox);
        Options.Add(_connections);
        Options.Add(_duration);
        Options.Add(_warmup);
        Options.Add(_rate);
        Options.Add(_json);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult result, CancellationToken cancellationToken)
    {
        // Before this process's first socket: socket completions then run on the epoll thread, one event loop as in
        // wrk, instead of hopping to the thread pool. On two shared cores those hops made the client's own scheduling
        // delays look like the api's tail latency (docs/BENCHMARKS.md). Safe here: nothing in readbench blocks.
        Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");
        if (Settings(result) is not { } settings)
        {
            return ExitCodes.Usage;
        }

        ReadBenchResult figures;
        try
        {
            figures = await new ReadBench(settings, Console.Error).RunAsync(cancellationToken);
        }
        catch (ReadBenchException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return ExitCodes.Usage;
        }
        catch (HttpRequestException ex)
        {
            Console.Error.WriteLine($"Could not reach {ex.Message}: is the api (and the sandbox, if given) running?");
            return ExitCodes.Unavailable;
        }

        ReadBenchReport.Render(AnsiConsole.Console, figures);
        if (settings.JsonPath is { } path)
        {
            await ReadBenchReport.WriteJsonAsync(path, figures, cancellationToken);
        }

        return figures.AllErrors > 0 || figures.HubSpotCalls > 0 ? ExitCodes.Violations : ExitCodes.Ok;
    }

    private ReadBenchSettings? Settings(ParseResult result)
    {
        var api = result.GetValue(_api) ?? Environment.GetEnvironmentVariable("MOCKEXAMS_API_URL") ?? "http://127.0.0.1:5080";
        var sandbox = result.GetValue(_sandbox) ?? Environment.GetEnvironmentVariable("MOCKEXAMS_SANDBOX_URL");
        var connections = result.GetValue(_connections);
        var duration = result.GetValue(_duration);
        var warmup = result.GetValue(_warmup);
        var rates = result.GetValue(_rate) ?? [];
        if (!Uri.TryCreate(api, UriKind.Absolute, out var apiUri)
            || (sandbox is not null && !Uri.TryCreate(sandbox, UriKind.Absolute, out _))
            || connections is < 1 or > 4096 || duration <= 0 || warmup < 0 || rates.Any(rate => !(rate > 0)))
        {
            Console.Error.WriteLine("Give absolute --api/--sandbox URLs, --connections from 1 to 4096, positive durations and rate.");
            return null;
        }

        var token = result.GetValue(_token) ?? Environment.GetEnvironmentVariable("TOKEN") ?? MintToken();
        if (token is null)
        {
            Console.Error.WriteLine("No token: pass --token, set TOKEN, or set Auth__JwtSecret (./run.sh writes it to .data/run/env).");
            return null;
        }

        return new ReadBenchSettings(
            apiUri, token, result.GetValue(_exam), Environment.GetEnvironmentVariable("ConnectionStrings__Replica"),
            sandbox is null ? null : new Uri(sandbox), connections, TimeSpan.FromSeconds(duration), TimeSpan.FromSeconds(warmup),
            [.. rates.Order()], result.GetValue(_json));
    }

    private static string? MintToken()
    {
        var secret = Environment.GetEnvironmentVariable("Auth__JwtSecret");
        if (string.IsNullOrEmpty(secret))
        {
            return null;
        }

        var issuer = Environment.GetEnvironmentVariable("Auth__Issuer") ?? DevTokens.DefaultIssuer;
        var audience = Environment.GetEnvironmentVariable("Auth__Audience") ?? "authenticated";
        return DevTokens.Create(secret, issuer, audience, ["exams.view", "exams.edit"], TimeSpan.FromHours(1));
    }
}
