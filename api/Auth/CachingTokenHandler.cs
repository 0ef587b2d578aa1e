using System.Security.Claims;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.Tokens;

namespace MockExams.Api.Auth;

/// <summary>
/// The api's bearer-token check: the inner handler (signature, issuer, audience, lifetime) validates each distinct token
/// once, its <c>app_metadata</c> permissions are added, and later requests carrying the same token are answered from
/// memory until the token's <c>exp</c> or <see cref="AuthOptions.TokenCacheSeconds"/>, whichever is first. A busy
/// client sends one token thousands of times a second, and validating it every time was 13 % of the api's CPU on a
/// cached read (docs/BENCHMARKS.md).
/// <para>
/// Only tokens that passed validation are kept, keyed by the whole token text (signature included), so a hit needs the
/// exact bytes that were validated. The check is the same for every request of a scheme (one set of validation
/// parameters), which is why the token alone is the key. Every answer for a token carries its one
/// <see cref="SharedIdentity"/>, which refuses changes, so no request can change another's; the bearer shortcut
/// (<see cref="KnownPrincipal"/>) hands out its <see cref="SharedPrincipal"/> and finds it by the whole
/// <c>Authorization</c> header, so that a request allocates no copy of its token. The cache holds at most
/// <see cref="AuthOptions.TokenCacheSize"/> entries: each token, and each distinct header that carried it, takes one.
/// </para>
/// </summary>
public sealed class CachingTokenHandler : TokenHandler, IDisposable
{
    private const string BearerPrefix = "Bearer ";

    private readonly TokenHandler _inner;
    private readonly TimeProvider _time;
    private readonly TimeSpan _maxAge;
    private readonly MemoryCache _validated;

    public CachingTokenHandler(TokenHandler inner, TimeProvider time, int capacity, TimeSpan maxAge)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _inner = inner;
        _time = time;
        _maxAge = maxAge;
        _validated = new MemoryCache(new MemoryCacheOptions { SizeLimit = capacity });
    }

    public override int MaximumTokenSizeInBytes
    {
        get => _inner.MaximumTokenSizeInBytes;
        set => _inner.MaximumTokenSizeInBytes = value;
    }

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var now = _time.GetUtcNow();
        if (Kept(token, now) is { } known)
        {
            return known.ToResult();
        }

        var result = await _inner.ValidateTokenAsync(token, validationParameters);
        if (!result.IsValid || result.ClaimsIdentity is not { } identity || result.SecurityToken is not { } securityToken)
        {
            return result;   // refusals are never kept: a stream of bad tokens must not push out good ones
        }

        AppMetadataPermissions.AddTo(identity);
        var keepUntil = Earliest(new DateTimeOffset(DateTime.SpecifyKind(securityToken.ValidTo, DateTimeKind.Utc)), now + _maxAge);
        if (keepUntil > now)
        {
            _validated.Set(token, new ValidatedToken(identity, securityToken, result.Issuer, keepUntil),
                new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = keepUntil - now });
        }

        return result;
    }

    /// <summary>
    /// The shared principal of the bearer token in <paramref name="authorization"/> (an <c>Authorization</c> header
    /// value) if the token was validated before and is still kept, else null (validate it). Lets the bearer scheme
    /// answer a known token before it sets up a validation (<see cref="KnownBearerTokens"/>).
    /// </summary>
    public ClaimsPrincipal? KnownPrincipal(string authorization)
    {
        var now = _time.GetUtcNow();
        var header = new BearerHeader(authorization);
        if (Kept(header, now) is { } known)
        {
            return known.Principal;
        }

        if (TokenOf(authorization) is not { } token || Kept(token, now) is not { } validated)
        {
            return null;
        }

        _validated.Set(header, validated, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = validated.KeepUntil });
        return validated.Principal;
    }

    public override Task<TokenValidationResult> ValidateTokenAsync(SecurityToken token, TokenValidationParameters validationParameters) =>
        _inner.ValidateTokenAsync(token, validationParameters);

    public override SecurityToken ReadToken(string token) => _inner.ReadToken(token);

    public void Dispose() => _validated.Dispose();

    /// <summary>What is kept under a token or a <see cref="BearerHeader"/>, if it is still within its time.</summary>
    private ValidatedToken? Kept(object key, DateTimeOffset now) =>
        _validated.TryGetValue(key, out ValidatedToken? known) && known is not null && now < known.KeepUntil ? known : null;

    private static DateTimeOffset Earliest(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    /// <summary>The token of a <c>Bearer</c> header (scheme in any case, spaces around the token ignored), else null.</summary>
    private static string? TokenOf(string authorization) =>
        authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) && authorization.AsSpan(BearerPrefix.Length).Trim() is { IsEmpty: false } token
            ? token.ToString()
            : null;

    /// <summary>A cache key for a whole <c>Authorization</c> header value, apart from the token keys.</summary>
    private readonly record struct BearerHeader(string Value);

    /// <summary>What one validation established: the token's one identity, shared by every answer, which refuses changes.</summary>
    private sealed class ValidatedToken
    {
        private readonly SharedIdentity _identity;
        private readonly SecurityToken _securityToken;
        private readonly string _issuer;

        public ValidatedToken(ClaimsIdentity identity, SecurityToken securityToken, string issuer, DateTimeOffset keepUntil)
        {
            // The constructor copies each claim onto the shared identity; the validated identity is not kept.
            _identity = new SharedIdentity(identity.Claims, identity.AuthenticationType, identity.NameClaimType, identity.RoleClaimType);
            _securityToken = securityToken;
            _issuer = issuer;
            KeepUntil = keepUntil;
            Principal = new SharedPrincipal(_identity);
        }

        public DateTimeOffset KeepUntil { get; }

        /// <summary>The principal every request carrying the token shares (the bearer shortcut).</summary>
        public ClaimsPrincipal Principal { get; }

        /// <summary>A validation result for JwtBearer's full path, with the same shared identity.</summary>
        public TokenValidationResult ToResult() => new()
        {
            IsValid = true,
            ClaimsIdentity = _identity,
            SecurityToken = _securityToken,
            Issuer = _issuer,
        };
    }
}
