using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace MockExams.Api.Auth;

/// <summary>
/// The bearer scheme's first step: a request carrying a token <see cref="CachingTokenHandler"/> already validated is
/// authenticated at once with the token's shared principal. Without this, JwtBearer clones its validation parameters
/// and builds a validation result and context for every request before the token handler answers from memory. Any
/// other request (no token, an unknown, refused or expired one) goes through JwtBearer's full validation as before.
/// </summary>
public static class KnownBearerTokens
{
    public static Task OnMessageReceived(MessageReceivedContext context, CachingTokenHandler tokens)
    {
        var authorization = context.Request.Headers.Authorization;
        if (authorization.Count == 1 && authorization[0] is { } header && tokens.KnownPrincipal(header) is { } principal)
        {
            context.Principal = principal;
            context.Success();
        }

        return Task.CompletedTask;
    }
}
