using System.Security.Claims;
using System.Text.Json;

namespace MockExams.Api.Auth;

/// <summary>
/// Turns the JSON <c>app_metadata.permissions</c> array of a Supabase token into one <see cref="Permissions.ClaimType"/>
/// claim each. Only <c>app_metadata</c> is read: users can edit their own <c>user_metadata</c>. Applied once per
/// distinct token, by <see cref="CachingTokenHandler"/>.
/// </summary>
public static class AppMetadataPermissions
{
    public static void AddTo(ClaimsIdentity identity)
    {
        if (identity.HasClaim(c => c.Type == Permissions.ClaimType) || identity.FindFirst("app_metadata")?.Value is not { } json)
        {
            return;
        }

        foreach (var permission in ReadPermissions(json))
        {
            identity.AddClaim(new Claim(Permissions.ClaimType, permission));
        }
    }

    private static IEnumerable<string> ReadPermissions(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("permissions", out var permissions)
                && permissions.ValueKind == JsonValueKind.Array)
            {
                return permissions.EnumerateArray()
                    .Where(p => p.ValueKind == JsonValueKind.String)
                    .Select(p => p.GetString()!)   // ValueKind is String, so never null
                    .ToList();
            }
        }
        catch (JsonException)
        {
            // A malformed claim grants nothing; the token itself was still validly signed.
        }

        return [];
    }
}
