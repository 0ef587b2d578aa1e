using System.CommandLine;
using System.Net.Http.Headers;
using MockExams.Cli.Tokens;

namespace MockExams.Cli.Sync;

/// <summary>
/// How sync commands reach the api: <c>--api-url</c> (else <c>$MOCKEXAMS_API_URL</c>, else http://127.0.0.1:5080) and
/// <c>--token</c> (else <c>$TOKEN</c>, else a dev token signed with <c>$Auth__JwtSecret</c>, as ./run.sh sets it).
/// </summary>
public sealed class ApiConnection
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public Option<string?> Url { get; } = new("--api-url") { Description = "The api's base URL (default: $MOCKEXAMS_API_URL or http://127.0.0.1:5080)." };

    public Option<string?> Token { get; } = new("--token") { Description = "Bearer token (default: $TOKEN, or a dev token from $Auth__JwtSecret)." };

    public void AddTo(Command command)
    {
        command.Options.Add(Url);
        command.Options.Add(Token);
    }

    /// <summary>An HttpClient for the api, or null (with the reason written to stderr) when no token can be had.</summary>
    public HttpClient? CreateClient(ParseResult result, TimeSpan timeout)
    {
        var url = result.GetValue(Url) ?? Environment.GetEnvironmentVariable("MOCKEXAMS_API_URL") ?? DefaultUrl;
        var token = result.GetValue(Token) ?? Environment.GetEnvironmentVariable("TOKEN") ?? DevToken();
        if (token is null)
        {
            Console.Error.WriteLine("No token: pass --token, set TOKEN, or set Auth__JwtSecret (./run.sh writes it to .data/run/env).");
            return null;
        }
        var client = new HttpClient { BaseAddress = new Uri(url.TrimEnd('/') + "/"), Timeout = timeout };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static string? DevToken()
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
