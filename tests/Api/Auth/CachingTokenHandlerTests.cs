using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using MockExams.Api.Auth;
using MockExams.Cli.Tokens;
using MockExams.Tests.Sandbox;

namespace MockExams.Tests.Api.Auth;

/// <summary>
/// The api's token check answers a token it has validated from memory: never a token it refused, never one that
/// differs by a byte, never past the token's <c>exp</c> or the cache's age, and never an identity one request could
/// change for another.
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
    public async Task SameTokenTwice_IsValidatedOnce_AndLaterAnswersShareOneIdentityWithThePermissionsThatRefusesChanges()
    {
        var token = Token(["exams.view", "bookings.manage"]);

        var first = await _handler.ValidateTokenAsync(token, Parameters());
        var second = await _handler.ValidateTokenAsync(token, Parameters());

        Assert.True(first.IsValid);
        Assert.True(second.IsValid);
        Assert.Equal(1, _inner.Calls);
        Assert.NotSame(first.ClaimsIdentity, second.ClaimsIdentity);   // the first is the inner handler's own
        Assert.NotNull(second.SecurityToken);
        foreach (var identity in new[] { first.ClaimsIdentity, second.ClaimsIdentity })
        {
            Assert.Equal(["bookings.manage", "exams.view"], Permissions(identity));
            Assert.Equal("00000000-0000-4000-8000-000000000001", identity.Name);   // sub, the name claim type
        }

        // What one request does to its identity never reaches the next request's: the shared one refuses changes.
        Assert.Throws<InvalidOperationException>(() => second.ClaimsIdentity.AddClaim(new Claim(MockExams.Api.Auth.Permissions.ClaimType, "exams.edit")));
        var third = await _handler.ValidateTokenAsync(token, Parameters());
        Assert.Same(second.ClaimsIdentity, third.ClaimsIdentity);
        Assert.Equal(["bookings.manage", "exams.view"], Permissions(third.ClaimsIdentity));
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
    public async Task MaxAgeZero_ValidatesEveryRequest_AndStillAddsThePermissions()
    {
        using var uncached = new CachingTokenHandler(_inner, _clock, capacity: 100, maxAge: TimeSpan.Zero);
        var token = Token(["exams.view"]);

        await uncached.ValidateTokenAsync(token, Parameters());
        var second = await uncached.ValidateTokenAsync(token, Parameters());

        Assert.Equal(2, _inner.Calls);
        Assert.Equal(["exams.view"], Permissions(second.ClaimsIdentity));
    }

    [Fact]
    public async Task BearerShortcut_KnownToken_AuthenticatesWithItsSharedPrincipal_AnythingElseIsLeftToJwtBearer()
    {
        var token = Token(["exams.view"]);
        Assert.Null(Shortcut($"Bearer {token}").Result);   // never validated: JwtBearer validates it
        await _handler.ValidateTokenAsync(token, Parameters());

        var first = Shortcut($"Bearer {token}");
        var second = Shortcut($"bearer  {token} ");

        foreach (var context in new[] { first, second })
        {
            Assert.True(context.Result?.Succeeded);
            Assert.Equal(["exams.view"], Permissions((ClaimsIdentity)context.Result!.Principal!.Identity!));
        }

        // One principal per token, shared by its requests, so none of them may change it for the others.
        var shared = first.Result!.Principal!;
        Assert.Same(shared, second.Result!.Principal);
        Assert.Same(shared, Shortcut($"Bearer {token}").Result!.Principal);   // found again by its header
        var identity = (ClaimsIdentity)shared.Identity!;
        var granted = new Claim(MockExams.Api.Auth.Permissions.ClaimType, "exams.edit");
        Assert.Throws<InvalidOperationException>(() => identity.AddClaim(granted));
        Assert.Throws<InvalidOperationException>(() => identity.AddClaims([granted]));
        Assert.Throws<InvalidOperationException>(() => identity.RemoveClaim(identity.FindFirst(MockExams.Api.Auth.Permissions.ClaimType)));
        Assert.Throws<InvalidOperationException>(() => identity.TryRemoveClaim(identity.FindFirst(MockExams.Api.Auth.Permissions.ClaimType)));
        Assert.Throws<InvalidOperationException>(() => shared.AddIdentity(new ClaimsIdentity([granted])));
        Assert.Throws<InvalidOperationException>(() => shared.AddIdentities([new ClaimsIdentity([granted])]));
        Assert.Equal(["exams.view"], Permissions((ClaimsIdentity)Shortcut($"Bearer {token}").Result!.Principal!.Identity!));
        Assert.Equal("00000000-0000-4000-8000-000000000001", shared.Identity!.Name);
        Assert.Equal(1, _inner.Calls);
        var forged = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];
        Assert.Null(Shortcut($"Bearer {forged}").Result);
        Assert.Null(Shortcut(token).Result);   // no scheme
        Assert.Null(Shortcut("").Result);

        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Null(Shortcut($"Bearer {token}").Result);   // expired: JwtBearer refuses it
    }

    public void Dispose() => _handler.Dispose();

    private MessageReceivedContext Shortcut(string authorization)
    {
        var http = new DefaultHttpContext();
        if (authorization.Length > 0)
        {
            http.Request.Headers.Authorization = authorization;
        }

        var scheme = new AuthenticationScheme(JwtBearerDefaults.AuthenticationScheme, null, typeof(JwtBearerHandler));
        var context = new MessageReceivedContext(http, scheme, new JwtBearerOptions());
        KnownBearerTokens.OnMessageReceived(context, _handler);
        return context;
    }

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

    private static string[] Permissions(ClaimsIdentity identity) =>
        [.. identity.FindAll(MockExams.Api.Auth.Permissions.ClaimType).Select(claim => claim.Value).Order()];

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
