using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace MockExams.Api.Dashboard;

/// <summary>
/// The Orleans dashboard's page fetches its data with plain relative requests, which cannot carry a bearer header.
/// So the sync dashboard, once signed in with an <c>exams.edit</c> token, hands that same token to the browser as a
/// cookie that only <see cref="Path"/> receives (HttpOnly, SameSite=Strict, expiring with the token), and the bearer
/// scheme reads it there. The token is still validated on every request, exactly as a header would be; no other path
/// ever accepts the cookie, and nothing under <see cref="Path"/> changes anything.
/// </summary>
public static class ClusterDashboardCookie
{
    public const string Path = "/admin/orleans";
    public const string Name = "mockexams.orleans";

    /// <summary>The bearer scheme's fallback: no Authorization header, a request under <see cref="Path"/>, the cookie.</summary>
    public static void OnMessageReceived(MessageReceivedContext context)
    {
        var request = context.Request;
        if (context.Result is null && context.Principal is null && request.Headers.Authorization.Count == 0
            && request.Path.StartsWithSegments(Path, StringComparison.Ordinal)
            && request.Cookies.TryGetValue(Name, out var token) && !string.IsNullOrEmpty(token))
        {
            context.Token = token;
        }
    }

    /// <summary>Gives the browser the request's bearer token as the cookie; false when the request had no bearer header.</summary>
    public static bool Issue(HttpContext context, ClaimsPrincipal user)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        context.Response.Cookies.Append(Name, header["Bearer ".Length..].Trim(), new CookieOptions
        {
            Path = Path,
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Expires = Expiry(user),
        });
        return true;
    }

    public static void Remove(HttpContext context) =>
        context.Response.Cookies.Delete(Name, new CookieOptions { Path = Path, HttpOnly = true, SameSite = SameSiteMode.Strict });

    private static DateTimeOffset? Expiry(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirst("exp")?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
}
