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
/// exact bytes that were validated. The cache holds at most <see cref="AuthOptions.TokenCacheSize"/> tokens. Every hit
/// builds a new identity, so two requests never share a mutable <see cref="ClaimsIdentity"/>. The check is the same for
/// every request of a scheme (one set of validation parameters), which is why the token alone is the key.
/// </para>
/// </summary>
public sealed class CachingTokenHandler : TokenHandler, IDisposable
{
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
        if (Known(token, now) is { } known)
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
    /// A new identity for <paramref name="token"/> if it was validated before and is still kept, else null (validate
    /// it). Lets the bearer scheme answer a known token before it sets up a validation (<see cref="KnownBearerTokens"/>).
    /// </summary>
    public ClaimsIdentity? KnownIdentity(string token) => Known(token, _time.GetUtcNow())?.NewIdentity();

    public override Task<TokenValidationResult> ValidateTokenAsync(SecurityToken token, TokenValidationParameters validationParameters) =>
        _inner.ValidateTokenAsync(token, validationParameters);

    public override SecurityToken ReadToken(string token) => _inner.ReadToken(token);

    public void Dispose() => _validated.Dispose();

    private ValidatedToken? Known(string token, DateTimeOffset now) =>
        _validated.TryGetValue(token, out ValidatedToken? known) && known is not null && now < known.KeepUntil ? known : null;

    private static DateTimeOffset Earliest(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    /// <summary>What one validation established, kept as data; a result is built from it per request.</summary>
    private sealed class ValidatedToken(ClaimsIdentity identity, SecurityToken securityToken, string issuer, DateTimeOffset keepUntil)
    {
        private readonly Claim[] _claims = [.. identity.Claims];
        private readonly string? _authenticationType = identity.AuthenticationType;
        private readonly string _nameClaimType = identity.NameClaimType;
        private readonly string _roleClaimType = identity.RoleClaimType;

        public DateTimeOffset KeepUntil { get; } = keepUntil;

        public TokenValidationResult ToResult() => new()
        {
            IsValid = true,
            ClaimsIdentity = NewIdentity(),
            SecurityToken = securityToken,
            Issuer = issuer,
        };

        // The constructor copies each claim onto the new identity; the kept claims are never handed out.
        public ClaimsIdentity NewIdentity() => new CaseSensitiveClaimsIdentity(_claims, _authenticationType, _nameClaimType, _roleClaimType);
    }
}
