using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using MockExams.Api.Auth;
using MockExams.Tests.Fixtures;

namespace MockExams.Tests.Api.Auth;

[Collection(ClusterCollection.Name)]
public sealed class ExamReadSliceTests(ClusterFixture fixture)
{
    [Fact]
    public async Task GetExam_WithoutToken_Is401()
    {
        using var client = fixture.Api.CreateClient();

        var response = await client.GetAsync("/api/mock-exams/123", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task GetExam_WithOnlyBookingPermission_Is403()
    {
        using var client = fixture.CreateClient("bookings.manage");

        var response = await client.GetAsync("/api/mock-exams/123", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task GetExam_TokenSignedWithAnotherSecret_Is401()
    {
        using var client = fixture.Api.CreateClient();
        var forged = MockExams.Cli.Tokens.DevTokens.Create("another-secret-that-is-long-enough-0123456789", "mockexams-local",
            "authenticated", ["exams.view"], TimeSpan.FromHours(1));
        client.DefaultRequestHeaders.Authorization = new("Bearer", forged);

        var response = await client.GetAsync("/api/mock-exams/123", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task GetExam_ExpiredToken_Is401_EvenRightAfterTheSameUserWasLetIn()
    {
        // The api answers a token it validated from memory; an expired token of the same user is a different token.
        using var valid = fixture.CreateClient("exams.view");
        Assert.NotEqual(HttpStatusCode.Unauthorized, (await valid.GetAsync("/api/mock-exams/123", TestContext.Current.CancellationToken)).StatusCode);
        using var client = fixture.Api.CreateClient();
        var now = DateTime.UtcNow;
        var expired = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = MockExams.Cli.Tokens.DevTokens.DefaultIssuer,
            Audience = "authenticated",
            IssuedAt = now.AddMinutes(-30),
            NotBefore = now.AddMinutes(-30),
            Expires = now.AddMinutes(-10),   // beyond the 5 minutes of clock skew
            Subject = new ClaimsIdentity([new Claim("sub", "00000000-0000-4000-8000-000000000001"),
                new Claim("app_metadata", """{"permissions":["exams.view"]}""", JsonClaimValueTypes.Json)]),
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(ClusterFixture.JwtSecret)), SecurityAlgorithms.HmacSha256),
        });
        client.DefaultRequestHeaders.Authorization = new("Bearer", expired);

        var first = await client.GetAsync("/api/mock-exams/123", TestContext.Current.CancellationToken);
        var second = await client.GetAsync("/api/mock-exams/123", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
    }

    [Fact]
    public async Task KnownToken_TokenValidatedAndClaimsTransformationRunForEveryRequest_EachOnItsOwnPrincipal()
    {
        // Inside JwtBearer's pipeline: a token the api has seen before still goes through OnTokenValidated (which adds
        // its app_metadata permissions) and every IClaimsTransformation, on a principal of this request's own, which a
        // transformation may change in place (a known token once skipped both with a shared principal that refused
        // changes, so the first transformation would have made every such request a 500).
        var id = await ReplicaRows.InsertExamAsync(fixture.Database.DataSource);
        var transformation = new MarkingTransformation();
        var tokenValidated = 0;
        await using var api = fixture.StartAnotherApi().WithWebHostBuilder(web => web.ConfigureTestServices(services =>
        {
            services.AddSingleton<IClaimsTransformation>(transformation);
            services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, jwt =>
            {
                var addPermissions = jwt.Events.OnTokenValidated;
                jwt.Events.OnTokenValidated = context =>
                {
                    Interlocked.Increment(ref tokenValidated);
                    return addPermissions(context);
                };
            });
        }));
        using var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", MockExams.Cli.Tokens.DevTokens.Create(ClusterFixture.JwtSecret,
            MockExams.Cli.Tokens.DevTokens.DefaultIssuer, "authenticated", ["exams.view"], TimeSpan.FromHours(1)));

        var answers = new List<HttpStatusCode>();
        for (var request = 0; request < 3; request++)
        {
            answers.Add((await client.GetAsync($"/api/mock-exams/{id}", TestContext.Current.CancellationToken)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], answers);
        Assert.Equal(3, Volatile.Read(ref tokenValidated));
        Assert.Equal(3, transformation.Calls);
        Assert.Equal(0, transformation.AlreadyMarked);   // no request saw another request's change
    }

    [Fact]
    public void Api_ValidatesTokensWithJwtBearersOwnHandler_KeepingSupabasesClaimNames()
    {
        var jwt = fixture.Api.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);

        var handler = Assert.IsType<JsonWebTokenHandler>(Assert.Single(jwt.TokenHandlers));
        Assert.False(handler.MapInboundClaims);
        Assert.False(jwt.UseSecurityTokenValidators);
    }

    [Fact]
    public async Task GetExam_Unknown_Is404ProblemDetails()
    {
        using var client = fixture.CreateClient("exams.view");

        var response = await client.GetAsync("/api/mock-exams/999000111", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.Equal("Mock exam not found", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task GetExam_SoftDeleted_Is404()
    {
        var id = await ReplicaRows.InsertExamAsync(fixture.Database.DataSource, deleted: true);
        using var client = fixture.CreateClient("exams.view");

        var response = await client.GetAsync($"/api/mock-exams/{id}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task GetExam_Seeded_ReturnsSeedEnvelopeWithReplicaColumns()
    {
        var id = await ReplicaRows.InsertExamAsync(fixture.Database.DataSource, capacity: 24, totalBookings: 3, location: "Calgary");
        using var client = fixture.CreateClient("exams.view");

        var body = await client.GetFromJsonAsync<JsonElement>($"/api/mock-exams/{id}", TestContext.Current.CancellationToken);

        Assert.True(body.GetProperty("success").GetBoolean());
        var exam = body.GetProperty("exam");
        Assert.Equal(id, exam.GetProperty("hubspot_id").GetString());
        Assert.Equal("Calgary", exam.GetProperty("location").GetString());
        Assert.Equal(24, exam.GetProperty("capacity").GetInt32());
        Assert.Equal(3, exam.GetProperty("total_bookings").GetInt32());
        Assert.Equal("2027-03-14", exam.GetProperty("exam_date").GetString());
        Assert.Equal("true", exam.GetProperty("is_active").GetString());
    }

    [Fact]
    public async Task GetExam_SecondRead_IsRedisHitWithoutReplicaQuery()
    {
        var id = await ReplicaRows.InsertExamAsync(fixture.Database.DataSource);
        using var client = fixture.CreateClient("exams.view");
        using var queries = new ReplicaQueryCounter("exam");

        var first = await client.GetStringAsync($"/api/mock-exams/{id}", TestContext.Current.CancellationToken);
        var afterFirst = queries.Count;
        var second = await client.GetStringAsync($"/api/mock-exams/{id}", TestContext.Current.CancellationToken);

        Assert.Equal(1, afterFirst);
        Assert.Equal(1, queries.Count);
        Assert.Equal(first, second);
        Assert.Equal(1, await fixture.Redis.CountKeysAsync($"exam:{id}"));
    }

    [Fact]
    public async Task HealthReady_AllDependenciesUp_Is200()
    {
        using var client = fixture.Api.CreateClient();

        var response = await client.GetAsync("/health/ready", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>A transformation in the usual style: it adds a claim to the principal it is given, in place.</summary>
    private sealed class MarkingTransformation : IClaimsTransformation
    {
        private int _calls;
        private int _alreadyMarked;

        public int Calls => Volatile.Read(ref _calls);

        public int AlreadyMarked => Volatile.Read(ref _alreadyMarked);

        public Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
        {
            Interlocked.Increment(ref _calls);
            if (principal.HasClaim("test_marked", "yes"))
            {
                Interlocked.Increment(ref _alreadyMarked);
            }

            ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim("test_marked", "yes"));
            return Task.FromResult(principal);
        }
    }
}
