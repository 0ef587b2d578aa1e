using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace MockExams.Api.Auth;

/// <summary>
/// Turns the JSON <c>app_metadata.permissions</c> array of a Supabase token into one <see cref="Permissions.ClaimType"/>
/// claim each, and <c>app_metadata.hubspot_contact_id</c> (a student's HubSpot contact) into one
/// <see cref="Students.ContactClaimType"/> claim. Only <c>app_metadata</c> is read: users can edit their own
/// <c>user_metadata</c>, and only the service role can write <c>app_metadata</c>. Applied to every request's principal
/// in JwtBearer's <c>OnTokenValidated</c> (<see cref="OnTokenValidated"/>).
/// </summary>
public static class AppMetadataPermissions
{
    /// <summary>JwtBearer's event after a token passed validation: adds the claims to the request's own identity.</summary>
    public static Task OnTokenValidated(TokenValidatedContext context)
    {
        if (context.Principal?.Identity is ClaimsIdentity identity)
        {
            AddTo(identity);
        }

        return Task.CompletedTask;
    }

    public static void AddTo(ClaimsIdentity identity)
    {
        if (identity.HasClaim(c => c.Type is Permissions.ClaimType or Students.ContactClaimType)
            || identity.FindFirst("app_metadata")?.Value is not { } json)
        {
            return;
        }

        var (permissions, contactId) = Read(json);
        foreach (var permission in permissions)
        {
            identity.AddClaim(new Claim(Permissions.ClaimType, permission));
        }

        if (contactId is not null)
        {
            identity.AddClaim(new Claim(Students.ContactClaimType, contactId));
        }
    }

    private static (List<string> Permissions, string? ContactId) Read(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return ([], null);
            }

            List<string> permissions = root.TryGetProperty("permissions", out var list) && list.ValueKind == JsonValueKind.Array
                ? [.. list.EnumerateArray().Where(p => p.ValueKind == JsonValueKind.String).Select(p => p.GetString()!)]   // String: never null
                : [];
            var contactId = root.TryGetProperty(Students.AppMetadataField, out var contact)
                && contact.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(contact.GetString())
                    ? contact.GetString()
                    : null;
            return (permissions, contactId);
        }
        catch (JsonException)
        {
            // A malformed claim grants nothing; the token itself was still validly signed.
            return ([], null);
        }
    }
}
