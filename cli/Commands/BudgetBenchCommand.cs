using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using MockExams.Cli.Budget;
using MockExams.Grains.HubSpot;
using Spectre.Console;
using StackExchange.Redis;

namespace MockExams.Cli.Commands;

/// <summary>
/// <c>mockexams budgetbench</c>: how much of the HubSpot budget the governor actually spends when work is queued.
/// Worker processes (the real governor on Redis, the real HubSpot client) keep lanes busy against the sandbox, whose
/// stats count what HubSpot saw. HubSpot and Redis settings come from the environment, as for <c>backfill</c>.
/// Exit 0 when HubSpot answered no 429 and no call failed, 1 otherwise, 2 for bad arguments or settings, 3 when the
/// sandbox, Redis or a worker process is unavailable.
/// </summary>
public sealed class BudgetBenchCommand : Command
{
    private readonly Option<string?> _sandbox = new("--sandbox")
    {
        Description = "HubSpot sandbox URL; defaults to $MOCKEXAMS_SANDBOX_URL, else $HubSpot__BaseUrl. Its limits are set to the governor's for the run.",
    };

    private readonly Option<int?> _budget = new("--budget")
    {
        Description = "HubSpot's 10-second limit the governor is configured with (default $HubSpot__CallsPerTenSeconds, else 100).",
    };

    private readonly Option<double> _duration = new("--duration", "-d")
    {
        Description = "Measured seconds (at least 10).",
        DefaultValueFactory = _ => 60,
    };

    private readonly Option<int> _processes = new("--processes", "-p")
    {
        Description = "Worker processes, each with its own governor on the shared Redis bucket.",
        DefaultValueFactory = _ => 1,
    };

    private readonly Option<int> _workers = new("--workers", "-w")
    {
        Description = "Per process: backfill-lane callers, each always waiting with a batch read of 100 exams.",
        DefaultValueFactory = _ => 8,
    };

    private readonly Option<int> _syncWorkers = new("--sync-workers")
    {
        Description = "Per process: sync-lane callers, each always waiting with a batch read.",
        DefaultValueFactory = _ => 0,
    };

    private readonly Option<double> _userRate = new("--user-rate")
    {
        Description = "Per process: user-write-lane calls started each second (open loop).",
        DefaultValueFactory = _ => 0,
    };

    private readonly Option<int> _searchers = new("--searchers")
    {
        Description = "Per process: callers always waiting with a search (the search budget).",
        DefaultValueFactory = _ => 2,
    };

    private readonly Option<string?> _json = new("--json")
    {
        Description = "Also write the figures to this JSON file (utilisation, hubspot_calls_per_s, http_429, lanes, ...).",
    };

    // Set by the coordinator on the processes it starts; not for people.
    private readonly Option<bool> _worker = new("--worker") { Hidden = true };

    public BudgetBenchCommand() : base("budgetbench", "Benchmark the HubSpot budget governor: calls per second sent vs the configured budget, with work queued.")
    {
        foreach (var option in new Option[] { _sandbox, _budget, _duration, _processes, _workers, _syncWorkers, _userRate, _searchers, _json, _worker })
        {
            Options.Add(option);
        }
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var options = HubSpotOptionsFromEnvironment(result.GetValue(_budget));
        var sandbox = result.GetValue(_sandbox) ?? Environment.GetEnvironmentVariable("MOCKEXAMS_SANDBOX_URL") ?? options.BaseUrl;
        if (!Uri.TryCreate(sandbox, UriKind.Absolute, out var sandboxUri))
        {
            Console.Error.WriteLine($"--sandbox must be an absolute URL, not '{sandbox}'.");
            return ExitCodes.Usage;
        }
        var settings = new BudgetBenchSettings(
            sandboxUri, options.CallsPerTenSeconds, TimeSpan.FromSeconds(result.GetValue(_duration)), result.GetValue(_processes),
            result.GetValue(_workers), result.GetValue(_syncWorkers), result.GetValue(_userRate), result.GetValue(_searchers), result.GetValue(_json));
        if (settings.Problem() is { } problem)
        {
            Console.Error.WriteLine(problem);
            return ExitCodes.Usage;
        }
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ConnectionStrings__Redis")))
        {
            Console.Error.WriteLine("The governor keeps its bucket in Redis: set ConnectionStrings__Redis (./run.sh writes it to .data/run/env).");
            return ExitCodes.Usage;
        }

        try
        {
            return result.GetValue(_worker)
                ? await BudgetBenchWorker.RunAsync(settings, Console.In, Console.Out, cancellationToken)
                : await CoordinateAsync(settings, options, cancellationToken);
        }
        catch (OptionsValidationException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return ExitCodes.Usage;
        }
        catch (Exception ex) when (ex is BudgetBenchException or HttpRequestException or RedisConnectionException or HubSpotException)
        {
            Console.Error.WriteLine(ex.Message);
            return ExitCodes.Unavailable;
        }
    }

    private static async Task<int> CoordinateAsync(BudgetBenchSettings settings, HubSpotOptions options, CancellationToken cancellationToken)
    {
        var figures = await new BudgetBench(settings, options, Console.Error).RunAsync(cancellationToken);
        BudgetBenchReport.Render(AnsiConsole.Console, figures);
        if (settings.JsonPath is { } path)
        {
            await BudgetBenchReport.WriteJsonAsync(path, figures, cancellationToken);
        }
        return figures.Http429 > 0 || figures.Failed > 0 ? ExitCodes.Violations : ExitCodes.Ok;
    }

    // The same "HubSpot" section the workers' AddHubSpot() binds, so both sides compute the same bucket.
    private static HubSpotOptions HubSpotOptionsFromEnvironment(int? budget)
    {
        var options = new ConfigurationBuilder().AddEnvironmentVariables().Build()
            .GetSection(HubSpotOptions.SectionName).Get<HubSpotOptions>() ?? new HubSpotOptions();
        if (budget is { } limit)
        {
            options.CallsPerTenSeconds = limit;
        }
        return options;
    }
}
