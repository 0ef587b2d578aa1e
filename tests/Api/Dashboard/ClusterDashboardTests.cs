using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MockExams.Tests.Fixtures;

namespace MockExams.Tests.Api.Dashboard;

/// <summary>
/// The Orleans dashboard served by the api at /admin/orleans: exams.edit only (bearer header, or the cookie the sync
/// dashboard sets), counting the cluster's real silos and grains.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterDashboardTests(ClusterFixture fixture) : IDisposable
{
    private readonly WriteScenario _scenario = new(fixture);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Counters_EditToken_CountTheActiveSilosAndTheBookedExamsGrain()
    {
        var examId = await _scenario.CreateExamAsync(capacity: 2);
        Assert.Equal(HttpStatusCode.Created, (await _scenario.BookAsync(examId, await _scenario.CreateContactAsync())).StatusCode);
        var activeSilos = (await fixture.Grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true, Token)).Count;
        using var editor = fixture.CreateClient("exams.edit");

        JsonElement counters = default;
        await WriteScenario.EventuallyAsync(async () =>
            {
                counters = await editor.GetFromJsonAsync<JsonElement>("/admin/orleans/DashboardCounters", Token);
                return counters.GetProperty("totalActiveHostCount").GetInt32() == activeSilos
                    && ExamGrainActivations(counters) > 0;
            },
            $"the dashboard counts {activeSilos} active silos and the exam grain's activations",
            observed: () => counters.ValueKind == JsonValueKind.Undefined ? "nothing" : counters.ToString()[..Math.Min(600, counters.ToString().Length)]);

        Assert.Equal(2, activeSilos);
        Assert.Equal(activeSilos, counters.GetProperty("hosts").GetArrayLength());
    }

    [Fact]
    public async Task Dashboard_ViewToken_Is403_AndNoToken_401()
    {
        using var viewer = fixture.CreateClient("exams.view");
        using var anonymous = fixture.Api.CreateClient();

        var asViewer = await viewer.GetAsync("/admin/orleans/DashboardCounters", Token);
        var pageAsViewer = await viewer.GetAsync("/admin/orleans/", Token);
        var cookieAsViewer = await viewer.PostAsync("/admin/orleans/session", null, Token);
        var asNobody = await anonymous.GetAsync("/admin/orleans/DashboardCounters", Token);

        Assert.Equal(HttpStatusCode.Forbidden, asViewer.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, pageAsViewer.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, cookieAsViewer.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, asNobody.StatusCode);
    }

    [Fact]
    public async Task Cookie_FromAnEditToken_OpensThePageAndItsData_AndNothingElse()
    {
        using var editor = fixture.CreateClient("exams.edit", "exams.view");

        var issued = await editor.PostAsync("/admin/orleans/session", null, Token);

        Assert.Equal(HttpStatusCode.NoContent, issued.StatusCode);
        var setCookie = Assert.Single(issued.Headers.GetValues("Set-Cookie"));
        Assert.Contains("path=/admin/orleans", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("expires=", setCookie, StringComparison.OrdinalIgnoreCase);
        var cookie = setCookie[..setCookie.IndexOf(';', StringComparison.Ordinal)];
        using var browser = fixture.Api.CreateClient();
        browser.DefaultRequestHeaders.Add("Cookie", cookie);
        var page = await browser.GetAsync("/admin/orleans/", Token);
        var counters = await browser.GetAsync("/admin/orleans/DashboardCounters", Token);
        var elsewhere = await browser.GetAsync("/api/admin/sync/status", Token);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("index.min.js", await page.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, counters.StatusCode);
        Assert.True((await counters.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("totalActiveHostCount").GetInt32() > 0);
        Assert.Equal(HttpStatusCode.Unauthorized, elsewhere.StatusCode);
    }

    [Fact]
    public async Task GrainState_EvenForAnEditToken_IsRefused()
    {
        using var editor = fixture.CreateClient("exams.edit");

        var response = await editor.GetAsync("/admin/orleans/GrainState?grainId=1&grainType=MockExams.Grains.Sync.SyncGrain", Token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static int ExamGrainActivations(JsonElement counters) =>
        counters.GetProperty("simpleGrainStats").EnumerateArray()
            .Where(stat => stat.GetProperty("grainType").GetString()!.Contains("MockExamGrain", StringComparison.Ordinal))
            .Sum(stat => stat.GetProperty("activationCount").GetInt32());

    public void Dispose() => _scenario.Dispose();
}
