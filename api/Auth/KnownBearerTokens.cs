using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace MockExams.Api.Auth;

/// <summary>
/// The bearer scheme's first step: a request carrying a token <see cref="CachingTokenHandler"/> already validated is
/// authenticated from it at once. Without this, JwtBearer clones its validation parameters and builds a validation
/// result and context for every request before the token handler answers from memory. Any other request (no token,
/// an unknown, refused or expired one) goes through JwtBearer's full validation as before.
/// </summary>
public static class KnownBearerTokens
{
    private const string Prefix = "Bearer ";

    public static Task OnMessageReceived(MessageReceivedContext context, CachingTokenHandler tokens)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
            && tokens.KnownIdentity(authorization[Prefix.Length..].Trim()) is { } identity)
        {
            context.Principal = new ClaimsPrincipal(identity);
            context.Success();
        }

        return Task.CompletedTask;
    }
}
