using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MockExams.Cli.Tokens;

/// <summary>
/// Signs tokens shaped like Supabase Auth user tokens (HS256, <c>aud=authenticated</c>, <c>role</c>, <c>sub</c>,
/// permissions in <c>app_metadata</c>; a student's HubSpot contact in <c>app_metadata.hubspot_contact_id</c>).
/// Used by <c>mockexams token</c> (and so <c>./run.sh</c>) and by tests.
/// </summary>
public static class DevTokens
{
    public const string DefaultIssuer = "mockexams-local";

    /// <summary>HS256 needs a key of at least 256 bits; shorter secrets are rejected rather than padded.</summary>
    public const int MinimumSecretBytes = 32;

    public static string Create(string secret, string issuer, string audience, IEnumerable<string> permissions,
        TimeSpan lifetime, string subject = "00000000-0000-4000-8000-000000000001", string? contactId = null)
    {
        var key = Encoding.UTF8.GetBytes(secret);
        if (key.Length < MinimumSecretBytes)
        {
            throw new ArgumentException($"The JWT secret must be at least {MinimumSecretBytes} bytes.", nameof(secret));
        }

        var appMetadata = contactId is null
            ? JsonSerializer.Serialize(new { provider = "email", permissions = permissions.ToArray() })
            : JsonSerializer.Serialize(new { provider = "email", permissions = permissions.ToArray(), hubspot_contact_id = contactId });
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            Subject = new ClaimsIdentity(
            [
                new Claim("sub", subject),
                new Claim("role", "authenticated"),
                new Claim("email", "admin@mockexams.local"),
                new Claim("app_metadata", appMetadata, JsonClaimValueTypes.Json),
            ]),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    /// <summary>
    /// A one-hour token signed as the api would check it, from the api's own settings in the environment
    /// (<c>Auth__JwtSecret</c>, <c>Auth__Issuer</c>, <c>Auth__Audience</c>); null when no secret is set.
    /// </summary>
    public static string? FromEnvironment(IEnumerable<string> permissions) =>
        Environment.GetEnvironmentVariable("Auth__JwtSecret") is { Length: > 0 } secret
            ? Create(secret, Environment.GetEnvironmentVariable("Auth__Issuer") ?? DefaultIssuer,
                Environment.GetEnvironmentVariable("Auth__Audience") ?? "authenticated", permissions, TimeSpan.FromHours(1))
            : null;
}
