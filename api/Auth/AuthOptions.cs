using System.ComponentModel.DataAnnotations;

namespace MockExams.Api.Auth;

/// <summary>
/// How access tokens are checked: as Supabase Auth issues them. Section "Auth"; env <c>Auth__JwtSecret</c>,
/// <c>Auth__Authority</c>, <c>Auth__Issuer</c>, <c>Auth__Audience</c>. Set either a JWKS authority
/// (asymmetric keys, Supabase's recommended signing keys) or the HS256 secret.
/// </summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>HS256 shared secret (Supabase's legacy JWT secret, or the local dev secret). Never logged.</summary>
    public string? JwtSecret { get; set; }

    /// <summary>Supabase Auth URL, e.g. <c>https://&lt;ref&gt;.supabase.co/auth/v1</c>; its JWKS supplies the keys.</summary>
    [Url] public string? Authority { get; set; }

    /// <summary>Expected <c>iss</c>. Defaults to the authority, else <c>mockexams-local</c>.</summary>
    public string? Issuer { get; set; }

    /// <summary>Expected <c>aud</c>: Supabase user tokens carry <c>authenticated</c>.</summary>
    [Required] public string Audience { get; set; } = "authenticated";

    /// <summary>The issuer of locally signed dev tokens (<c>mockexams token</c>).</summary>
    public const string LocalIssuer = "mockexams-local";

    /// <summary>HS256 needs a key of at least 256 bits; shorter secrets are refused at start.</summary>
    public const int MinimumSecretBytes = 32;

    public string EffectiveIssuer => Issuer ?? Authority ?? LocalIssuer;
}
