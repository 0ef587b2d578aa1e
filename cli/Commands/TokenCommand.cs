using System.CommandLine;
using MockExams.Cli.Tokens;

namespace MockExams.Cli.Commands;

/// <summary>
/// <c>mockexams token --permissions exams.view,exams.edit</c>: prints a dev access token;
/// <c>mockexams token --permissions "" --contact 1234</c>: a student's token (HubSpot contact 1234).
/// </summary>
public sealed class TokenCommand : Command
{
    private static readonly string[] AllPermissions = ["exams.view", "exams.edit", "bookings.manage"];

    private readonly Option<string> _permissions = new("--permissions")
    {
        Description = "Comma-separated permissions for app_metadata.permissions.",
        DefaultValueFactory = _ => string.Join(',', AllPermissions),
    };

    private readonly Option<double> _hours = new("--hours")
    {
        Description = "Lifetime in hours.",
        DefaultValueFactory = _ => 24,
    };

    private readonly Option<string?> _secret = new("--secret")
    {
        Description = "HS256 secret; defaults to $Auth__JwtSecret, as the api reads it.",
    };

    private readonly Option<string?> _contact = new("--contact")
    {
        Description = "A student's HubSpot contact id, for app_metadata.hubspot_contact_id (then the token's sub is derived from it).",
    };

    public TokenCommand() : base("token", "Print an access token signed with the configured secret (local development only).")
    {
        Options.Add(_permissions);
        Options.Add(_hours);
        Options.Add(_secret);
        Options.Add(_contact);
        SetAction(Run);
    }

    private int Run(ParseResult result)
    {
        var secret = result.GetValue(_secret) ?? Environment.GetEnvironmentVariable("Auth__JwtSecret");
        if (string.IsNullOrEmpty(secret))
        {
            Console.Error.WriteLine("No secret: pass --secret or set Auth__JwtSecret (./run.sh writes it to .data/run/env).");
            return ExitCodes.Usage;
        }

        var permissions = (result.GetValue(_permissions) ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = permissions.Except(AllPermissions).ToList();
        if (unknown is not [])
        {
            Console.Error.WriteLine($"Unknown permission(s): {string.Join(", ", unknown)}. Known: {string.Join(", ", AllPermissions)}.");
            return ExitCodes.Usage;
        }

        var issuer = Environment.GetEnvironmentVariable("Auth__Issuer") ?? DevTokens.DefaultIssuer;
        var audience = Environment.GetEnvironmentVariable("Auth__Audience") ?? "authenticated";
        try
        {
            var lifetime = TimeSpan.FromHours(result.GetValue(_hours));
            Console.WriteLine(result.GetValue(_contact) is { Length: > 0 } contact
                ? DevTokens.Create(secret, issuer, audience, permissions, lifetime, subject: $"student-{contact}", contactId: contact)
                : DevTokens.Create(secret, issuer, audience, permissions, lifetime));
            return ExitCodes.Ok;
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return ExitCodes.Usage;
        }
    }
}
