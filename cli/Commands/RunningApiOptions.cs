using System.CommandLine;
using System.Text.Json;
using MockExams.Cli.Tokens;
using Spectre.Console;

namespace MockExams.Cli.Commands;

/// <summary>
/// What the load commands against a running api share (<c>storm</c>, <c>eventbench</c>): <c>--api</c>,
/// <c>--sandbox</c>, <c>--token</c> (or one minted with the api's own secret) and <c>--json</c>; how they are read
/// from the environment <c>./run.sh</c> writes; and how a run's figures and violations are printed.
/// </summary>
internal sealed class RunningApiOptions
{
    private static readonly string[] Permissions = ["exams.view", "exams.edit", "bookings.manage"];

    private readonly Option<string?> _api = new("--api") { Description = "api base URL; defaults to $MOCKEXAMS_API_URL." };
    private readonly Option<string?> _sandbox = new("--sandbox") { Description = "sandbox base URL; defaults to $MOCKEXAMS_SANDBOX_URL." };
    private readonly Option<string?> _token = new("--token") { Description = "Bearer token; defaults to $TOKEN, else one minted with $Auth__JwtSecret." };
    private readonly Option<string?> _json = new("--json") { Description = "Write the summary as JSON to this file." };

    /// <summary>Adds these options to <paramref name="command"/> around its own: where first, <c>--json</c> last.</summary>
    public void AddTo(Command command, params Option[] own)
    {
        foreach (var option in new Option[] { _api, _sandbox, _token }.Concat(own).Append(_json))
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The api, sandbox and token to use; null (after saying what is missing on stderr) when one is not given.</summary>
    public RunningApi? Resolve(ParseResult result)
    {
        var apiUrl = result.GetValue(_api) ?? Environment.GetEnvironmentVariable("MOCKEXAMS_API_URL");
        var sandboxUrl = result.GetValue(_sandbox) ?? Environment.GetEnvironmentVariable("MOCKEXAMS_SANDBOX_URL");
        if (apiUrl is null || sandboxUrl is null)
        {
            Console.Error.WriteLine("Give --api and --sandbox (or MOCKEXAMS_API_URL and MOCKEXAMS_SANDBOX_URL; ./run.sh writes them to .data/run/env).");
            return null;
        }

        var token = result.GetValue(_token) ?? Environment.GetEnvironmentVariable("TOKEN") ?? DevTokens.FromEnvironment(Permissions);
        if (token is null)
        {
            Console.Error.WriteLine("No token: pass --token, set TOKEN, or set Auth__JwtSecret to mint one.");
            return null;
        }

        return new RunningApi(apiUrl, sandboxUrl, token);
    }

    /// <summary>Prints the run's figures and each violation, and writes the report to <c>--json</c>'s file when given.</summary>
    public async Task ReportAsync<T>(ParseResult result, Table figures, T report, IEnumerable<string> violations, CancellationToken cancellationToken)
    {
        AnsiConsole.Write(figures);
        foreach (var violation in violations)
        {
            AnsiConsole.MarkupLine($"[red]violation:[/] {Markup.Escape(violation)}");
        }

        if (result.GetValue(_json) is { } file)
        {
            await File.WriteAllTextAsync(file, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }), cancellationToken);
        }
    }
}
