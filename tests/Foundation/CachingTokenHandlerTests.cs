using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using MockExams.Api.Auth;
using MockExams.Cli.Tokens;
using MockExams.Tests.Sandbox;

namespace MockExams.Tests.Foundation;

/// <summary>
/// The api's token handler answers a token it has validated from memory: never a token it refused, never one that
/// differs by a byte, never past the token's <c>exp</c> or the cache's age, and each time with an identity of its own,
/// so what one request's <c>OnTokenValidated</c> or claims transformation does reaches no other.
/// </summary>
public sealed class CachingTokenHandlerTests : IDisposable
{
    private const string Secret = "a-test-secret-that-is-long-enough-0123456789";

    private readonly CountingHandler _inner = new();
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);
    private readonly CachingTokenHandler _handler;

    public CachingTokenHandlerTests()
    {
        _handler = new CachingTokenHandler(_inner, _clock, capacity: 100, maxAge: TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task SameTokenTwice_IsValidatedOnce_AndEachAnswerIsAnIdentityOfItsOwn()
    {
        var token = Token(["exams.view", "bookings.manage"]);

        var first = await _handler.ValidateTokenAsync(token, Parameters());
        var second = await _handler.ValidateTokenAsync(token, Parameters());

        Assert.True(first.IsValid);
        Assert.True(second.IsValid);
        Assert.Equal(1, _inner.Calls);
        Assert.NotSame(first.ClaimsIdentity, second.ClaimsIdentity);
        Assert.NotNull(second.SecurityToken);
        Assert.Equal(first.Issuer, second.Issuer);
        foreach (var identity in new[] { first.ClaimsIdentity, second.ClaimsIdentity })
        {
            Assert.Equal("00000000-0000-4000-8000-000000000001", identity.Name);   // sub, the name claim type
            Assert.Equal(Claims(first.ClaimsIdentity), Claims(identity));
        }

        // What one request does to its identity (OnTokenValidated, a claims transformation) never reaches the next's.
        var before = Claims(second.ClaimsIdentity);
        first.ClaimsIdentity.AddClaim(new Claim(Api.Auth.Permissions.ClaimType, "exams.edit"));
        second.ClaimsIdentity.AddClaim(new Claim(Api.Auth.Permissions.ClaimType, "exams.edit"));
        second.ClaimsIdentity.RemoveClaim(second.ClaimsIdentity.FindFirst("sub"));
        var third = await _handler.ValidateTokenAsync(token, Parameters());
        Assert.Equal(1, _inner.Calls);
        Assert.Equal(before, Claims(third.ClaimsIdentity));
        Assert.Empty(third.ClaimsIdentity.FindAll(Api.Auth.Permissions.ClaimType));
        Assert.All(third.ClaimsIdentity.Claims, claim => Assert.Same(third.ClaimsIdentity, claim.Subject));
    }

    [Fact]
    public async Task TokenWithAnotherSignature_IsNotAnsweredFromMemory()
    {
        var token = Token(["exams.view"]);
        Assert.True((await _handler.ValidateTokenAsync(token, Parameters())).IsValid);

        // Same header and payload, signed with another key: the cached token's claims must not be granted.
        var other = Token(["exams.view"], secret: Secret + "-other");
        var forged = token[..token.LastIndexOf('.')] + other[other.LastIndexOf('.')..];
        var result = await _handler.ValidateTokenAsync(forged, Parameters());

        Assert.False(result.IsValid);
        Assert.Equal(2, _inner.Calls);
    }

    [Fact]
    public async Task RefusedToken_IsNeverKept()
    {
        var token = Token(["exams.view"], secret: Secret + "-other");

        Assert.False((await _handler.ValidateTokenAsync(token, Parameters())).IsValid);
        Assert.False((await _handler.ValidateTokenAsync(token, Parameters())).IsValid);
        Assert.Equal(2, _inner.Calls);
    }

    [Fact]
    public async Task AfterTheTokensExp_ItIsValidatedAgain()
    {
        var token = Token(["exams.view"], lifetime: TimeSpan.FromSeconds(30));
        await _handler.ValidateTokenAsync(token, Parameters());

        _clock.Advance(TimeSpan.FromSeconds(20));
        await _handler.ValidateTokenAsync(token, Parameters());
        Assert.Equal(1, _inner.Calls);

        _clock.Advance(TimeSpan.FromSeconds(11));
        await _handler.ValidateTokenAsync(token, Parameters());
        Assert.Equal(2, _inner.Calls);
    }

    [Fact]
    public async Task AfterTheCachesMaxAge_ALongLivedTokenIsValidatedAgain()
    {
        var token = Token(["exams.view"], lifetime: TimeSpan.FromHours(1));
        await _handler.ValidateTokenAsync(token, Parameters());

        _clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        await _handler.ValidateTokenAsync(token, Parameters());
        await _handler.ValidateTokenAsync(token, Parameters());

        Assert.Equal(2, _inner.Calls);
    }

    [Fact]
    public async Task MaxAgeZero_ValidatesEveryRequest()
    {
        using var uncached = new CachingTokenHandler(_inner, _clock, capacity: 100, maxAge: TimeSpan.Zero);
        var token = Token(["exams.view"]);

        await uncached.ValidateTokenAsync(token, Parameters());
        var second = await uncached.ValidateTokenAsync(token, Parameters());

        Assert.Equal(2, _inner.Calls);
        Assert.True(second.IsValid);
    }

    [Fact]
    public void AppMetadata_BecomesPermissionAndContactClaims_OnlyFromAppMetadata()
    {
        var identity = new ClaimsIdentity([
            new Claim("sub", "00000000-0000-4000-8000-000000000001"),
            new Claim("app_metadata", """{"permissions":["exams.view","bookings.manage"],"hubspot_contact_id":"42"}""", JsonClaimValueTypes.Json),
            new Claim("user_metadata", """{"permissions":["exams.edit"]}""", JsonClaimValueTypes.Json),
        ]);

        AppMetadataPermissions.AddTo(identity);
        AppMetadataPermissions.AddTo(identity);   // OnTokenValidated may meet an identity that has them already

        Assert.Equal(["bookings.manage", "exams.view"], Permissions(identity));
        Assert.Equal("42", Assert.Single(identity.FindAll(Students.ContactClaimType)).Value);
    }

    public void Dispose() => _handler.Dispose();

    private static string Token(string[] permissions, string secret = Secret, TimeSpan? lifetime = null) =>
        DevTokens.Create(secret, DevTokens.DefaultIssuer, "authenticated", permissions, lifetime ?? TimeSpan.FromHours(1));

    private static TokenValidationParameters Parameters() => new()
    {
        ValidIssuer = DevTokens.DefaultIssuer,
        ValidAudience = "authenticated",
        IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Secret)),
        NameClaimType = "sub",
        RoleClaimType = "role",
    };

    private static string[] Claims(ClaimsIdentity identity) =>
        [.. identity.Claims.Select(claim => $"{claim.Type}={claim.Value}").Order()];

    private static string[] Permissions(ClaimsIdentity identity) =>
        [.. identity.FindAll(Api.Auth.Permissions.ClaimType).Select(claim => claim.Value).Order()];

    private sealed class CountingHandler : JsonWebTokenHandler
    {
        private int _calls;

        public CountingHandler() => MapInboundClaims = false;

        public int Calls => Volatile.Read(ref _calls);

        public override Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
        {
            Interlocked.Increment(ref _calls);
            return base.ValidateTokenAsync(token, validationParameters);
        }
    }
}
