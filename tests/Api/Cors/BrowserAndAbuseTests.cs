using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MockExams.Tests.Fixtures;

namespace MockExams.Tests.Api.Cors;

/// <summary>
/// CORS origins from configuration, the per-caller write limit the api instances share through Redis, and the
/// benchmark baseline's permissions.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class BrowserAndAbuseTests(ClusterFixture fixture)
{
    private const string FrontEnd = "https://book.example.com";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Preflight_FromAConfiguredOrigin_IsAllowedWithTheApisHeaders()
    {
        await using var api = fixture.StartAnotherApi(new Dictionary<string, string?> { ["Api:CorsOrigins"] = $"http://localhost:5173, {FrontEnd}" });
        using var client = api.CreateClient();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/bookings");
        preflight.Headers.Add("Origin", FrontEnd);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,idempotency-key");

        var response = await client.SendAsync(preflight, Token);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(FrontEnd, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("POST", string.Join(",", response.Headers.GetValues("Access-Control-Allow-Methods")));
    }

    [Fact]
    public async Task Read_FromAConfiguredOrigin_ExposesETagAndLocation()
    {
        await using var api = fixture.StartAnotherApi(new Dictionary<string, string?> { ["Api:CorsOrigins"] = FrontEnd });
        using var client = ClusterFixture.CreateClient(api, "exams.view");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/mock-exams");
        request.Headers.Add("Origin", FrontEnd);

        var response = await client.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(FrontEnd, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        var exposed = string.Join(",", response.Headers.GetValues("Access-Control-Expose-Headers"));
        Assert.Contains("ETag", exposed, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Location", exposed, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task BenchmarkBaseline_ExamsViewReadsIt_OnlyExamsEditMayReplaceIt()
    {
        await using var api = fixture.StartAnotherApi(new Dictionary<string, string?> { ["Api:BenchmarkEndpoints"] = "true" });
        using var viewer = ClusterFixture.CreateClient(api, "exams.view");
        using var editor = ClusterFixture.CreateClient(api, ["exams.view", "exams.edit"]);
        var body = new byte[1024];
        Random.Shared.NextBytes(body);

        using var refused = await viewer.PutAsync("/__bench/static", new ByteArrayContent(body), Token);
        using var published = await editor.PutAsync("/__bench/static", new ByteArrayContent(body), Token);
        using var read = await viewer.GetAsync("/__bench/static", Token);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, published.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(body, await read.Content.ReadAsByteArrayAsync(Token));
        using var anonymous = api.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/__bench/static", Token)).StatusCode);
    }

    [Fact]
    public async Task BenchmarkBaseline_OffByDefault_DoesNotExist()
    {
        using var editor = fixture.CreateClient("exams.view", "exams.edit");

        using var put = await editor.PutAsync("/__bench/static", new ByteArrayContent([1]), Token);
        using var get = await editor.GetAsync("/__bench/static", Token);

        Assert.Equal(HttpStatusCode.NotFound, put.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Fact]
    public async Task Request_FromAnOriginNotConfigured_GetsNoCorsHeaders()
    {
        await using var api = fixture.StartAnotherApi(new Dictionary<string, string?> { ["Api:CorsOrigins"] = FrontEnd });
        using var client = api.CreateClient();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/bookings");
        preflight.Headers.Add("Origin", "https://elsewhere.example.com");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");

        var response = await client.SendAsync(preflight, Token);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Writes_OverTheCallersLimitOnTwoApis_429ProblemWithRetryAfterAndReadsStillServed()
    {
        var limits = new Dictionary<string, string?>
        {
            ["Api:WriteRateLimit:StaffPermits"] = "3",
            ["Api:WriteRateLimit:WindowSeconds"] = "60",
        };
        await using var first = fixture.StartAnotherApi(limits);
        await using var second = fixture.StartAnotherApi(limits);
        var caller = $"staff-{Guid.NewGuid():N}";
        using var one = ClusterFixture.CreateClient(first, caller, null, "bookings.manage", "exams.view");
        using var two = ClusterFixture.CreateClient(second, caller, null, "bookings.manage", "exams.view");
        using var someoneElse = ClusterFixture.CreateClient(second, $"staff-{Guid.NewGuid():N}", null, "bookings.manage");

        // Bad bodies: answered 400 by the api without a grain or HubSpot call, yet each is a write the caller sent.
        var answers = new List<HttpStatusCode>();
        foreach (var client in new[] { one, two, one, two })
        {
            answers.Add((await client.PostAsJsonAsync("/api/bookings", new { }, Token)).StatusCode);
        }

        var limited = await two.PostAsJsonAsync("/api/bookings", new { }, Token);

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], answers);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        var problem = await limited.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Equal("rate_limited", problem.GetProperty("reason").GetString());
        Assert.InRange(limited.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 1, 60);
        Assert.Equal(HttpStatusCode.OK, (await one.GetAsync("/api/mock-exams", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await someoneElse.PostAsJsonAsync("/api/bookings", new { }, Token)).StatusCode);
    }

    [Fact]
    public async Task StudentWrites_HaveTheirOwnLimit()
    {
        await using var api = fixture.StartAnotherApi(new Dictionary<string, string?>
        {
            ["Api:WriteRateLimit:StudentPermits"] = "1",
            ["Api:WriteRateLimit:WindowSeconds"] = "60",
        });
        using var student = fixture.CreateStudentClient($"{Random.Shared.NextInt64(1_000_000_000, 9_999_999_999)}", api);

        var first = await student.PostAsync("/api/bookings/no-such-booking/cancel", null, Token);
        var second = await student.PostAsync("/api/bookings/no-such-booking/cancel", null, Token);

        Assert.Equal(HttpStatusCode.NotFound, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
    }
}
