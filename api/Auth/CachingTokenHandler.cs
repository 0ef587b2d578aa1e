using System.Security.Claims;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.Tokens;

namespace MockExams.Api.Auth;

/// <summary>
/// JwtBearer's token handler with a memory of what it validated: the inner handler (signature, issuer, audience,
/// lifetime) validates each distinct token once, and later requests carrying the same token get the same result from
/// memory until the token's <c>exp</c> or <see cref="AuthOptions.TokenCacheSeconds"/>, whichever is first. Everything
/// after validation is JwtBearer's as usual: each request gets a principal of its own, <c>OnTokenValidated</c> and
/// every <c>IClaimsTransformation</c> run for it, and may change it without touching another request's.
/// <para>
/// Only tokens that passed validation are kept, keyed by the whole token text (signature included), so a hit needs the
/// exact bytes that were validated. The check is the same for every request of a scheme (one set of validation
/// parameters), which is why the token alone is the key. At most <see cref="AuthOptions.TokenCacheSize"/> tokens are
/// kept. Kept only because an A/B measured a gain (docs/BENCHMARKS.md, "Bearer tokens").
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
        if (_validated.TryGetValue(token, out ValidatedToken? known) && known is not null && now < known.KeepUntil)
        {
            return known.ToResult();
        }

        var result = await _inner.ValidateTokenAsync(token, validationParameters);
        if (!result.IsValid || result.ClaimsIdentity is not { } identity || result.SecurityToken is not { } securityToken)
        {
            return result;   // refusals are never kept: a stream of bad tokens must not push out good ones
        }

        var keepUntil = Earliest(new DateTimeOffset(DateTime.SpecifyKind(securityToken.ValidTo, DateTimeKind.Utc)), now + _maxAge);
        if (keepUntil > now)
        {
            _validated.Set(token, new ValidatedToken(identity, securityToken, result.Issuer, keepUntil),
                new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = keepUntil - now });
        }

        return result;
    }

    public override Task<TokenValidationResult> ValidateTokenAsync(SecurityToken token, TokenValidationParameters validationParameters) =>
        _inner.ValidateTokenAsync(token, validationParameters);

    public override SecurityToken ReadToken(string token) => _inner.ReadToken(token);

    public void Dispose() => _validated.Dispose();

    private static DateTimeOffset Earliest(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    /// <summary>
    /// What one validation established. Its claims are copied, before any request saw them, and each answer gets a
    /// new identity holding copies of them, so what one request does to its identity reaches no other.
    /// </summary>
    private sealed class ValidatedToken(ClaimsIdentity identity, SecurityToken securityToken, string issuer, DateTimeOffset keepUntil)
    {
        private readonly Claim[] _claims = [.. identity.Claims.Select(claim => claim.Clone())];
        private readonly string? _authenticationType = identity.AuthenticationType;
        private readonly string _nameClaimType = identity.NameClaimType;
        private readonly string _roleClaimType = identity.RoleClaimType;

        public DateTimeOffset KeepUntil { get; } = keepUntil;

        public TokenValidationResult ToResult() => new()
        {
            IsValid = true,
            ClaimsIdentity = new CaseSensitiveClaimsIdentity(_claims, _authenticationType, _nameClaimType, _roleClaimType),
            SecurityToken = securityToken,
            Issuer = issuer,
        };
    }
}
