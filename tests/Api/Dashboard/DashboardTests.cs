using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MockExams.Tests.Api.Events;
using MockExams.Tests.Fixtures;
using MockExams.Tests.Grains.Sync;

namespace MockExams.Tests.Api.Dashboard;

/// <summary>The sync dashboard as a person uses it: in a real headless Chromium, against an api on a real port.</summary>
[Collection(ClusterCollection.Name)]
public sealed class DashboardTests(ClusterFixture fixture, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private readonly WriteScenario _scenario = new(fixture);
    private ApiFactory _api = null!;   // set in InitializeAsync
    private IBrowserContext _browser = null!;   // set in InitializeAsync
    private string _baseUrl = "";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _api = fixture.StartAnotherApi();
        _api.UseKestrel(0);
        _api.StartServer();
        _baseUrl = _api.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();   // Kestrel always has the feature
        _browser = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _baseUrl,
            ViewportSize = new ViewportSize { Width = 1280, Height = 1000 },
        });
    }

    [Fact]
    public async Task Open_WithAToken_ShowsTheReplicasSeatCounts()
    {
        var examId = await _scenario.CreateExamAsync(capacity: 4);
        Assert.Equal(HttpStatusCode.Created, (await _scenario.BookAsync(examId, await _scenario.CreateContactAsync())).StatusCode);

        var page = await SignInAsync("exams.view", "exams.edit");

        var row = ExamRow(page, examId);
        await Expect(row.Locator(".seats-left")).ToHaveTextAsync("3");
        Assert.Equal(await _scenario.ReplicaTotalBookingsAsync(examId), int.Parse(await row.Locator(".booked").InnerTextAsync()));
        Assert.Equal("4", await row.Locator(".capacity").InnerTextAsync());
        // synced_at − hs_last_modified_at from GET /api/admin/sync/exams: a figure, not the "–" of an unknown time.
        await Expect(row.Locator(".staleness")).ToHaveTextAsync(new Regex(@"^\d+\.\d (s|min|h)$"));
        await Expect(row.Locator(".synced")).Not.ToHaveTextAsync("–");
        await Expect(page.Locator("#sync-status tbody tr[data-object-type]").First).ToBeVisibleAsync();
        await Expect(page.Locator("#budget tbody tr")).ToHaveCountAsync(3);
    }

    [Fact]
    public async Task BookingThroughTheApi_ChangesTheSeatCountOnThePageWithoutReload()
    {
        var examId = await _scenario.CreateExamAsync(capacity: 3);
        var page = await SignInAsync("exams.view", "exams.edit");
        var row = ExamRow(page, examId);
        await Expect(row.Locator(".seats-left")).ToHaveTextAsync("3");
        await page.EvaluateAsync("() => { window.notReloaded = true; }");

        Assert.Equal(HttpStatusCode.Created, (await _scenario.BookAsync(examId, await _scenario.CreateContactAsync())).StatusCode);

        await Expect(row.Locator(".seats-left")).ToHaveTextAsync("2", new() { Timeout = 10_000 });
        await Expect(row.Locator(".booked")).ToHaveTextAsync("1");
        Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true"));
        await row.ClickAsync();
        await Expect(page.Locator("#bookings tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#bookings tbody tr .staleness")).ToHaveTextAsync(new Regex(@"^\d+\.\d (s|min|h)$"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("dashboard.png"), FullPage = true });
    }

    [Fact]
    public async Task ForceSyncButton_ExamChangedInHubSpot_ShowsTheResultAndTheNewCapacity()
    {
        var examId = await _scenario.CreateExamAsync(capacity: 3);
        var page = await SignInAsync("exams.view", "exams.edit");
        var row = ExamRow(page, examId);
        await Expect(row.Locator(".capacity")).ToHaveTextAsync("3");
        await SyncTestKit.UpdateAsync(fixture.Sandbox, SyncTestKit.ExamType, examId, new() { ["capacity"] = "9" });

        await page.ClickAsync("#force-sync-exams");

        await Expect(page.Locator("#action-result")).ToContainTextAsync("Force sync: Synced", new() { Timeout = 30_000 });
        await Expect(row.Locator(".capacity")).ToHaveTextAsync("9", new() { Timeout = 10_000 });
        await Expect(row.Locator(".seats-left")).ToHaveTextAsync("9");
    }

    [Fact]
    public async Task TokenWithoutExamsEdit_SeesNoActionButtonsAndIsRefusedByTheActions()
    {
        var examId = await _scenario.CreateExamAsync(capacity: 2);
        var page = await SignInAsync("exams.view");
        await Expect(ExamRow(page, examId).Locator(".seats-left")).ToHaveTextAsync("2");
        await ExamRow(page, examId).ClickAsync();
        await Expect(page.Locator("#bookings")).ToBeVisibleAsync();

        Assert.Equal(0, await page.Locator("button#force-sync-exams, button#reconcile, button#force-sync-bookings, #orleans-link").CountAsync());
        var statuses = await page.EvaluateAsync<int[]>("""
            async (examId) => {
              const headers = { Authorization: `Bearer ${sessionStorage.getItem('mockexams.token')}` };
              const post = async (path) => (await fetch(path, { method: 'POST', headers })).status;
              return [
                await post('/api/admin/sync/force-supabase?type=exams'),
                await post(`/api/admin/sync/force-supabase?type=bookings&examId=${examId}`),
                await post('/api/admin/sync/reconcile'),
              ];
            }
            """, examId);
        Assert.Equal([403, 403, 403], statuses);
    }

    [Fact]
    public async Task OrleansLink_EditToken_OpensTheClusterDashboardWithTheClustersData()
    {
        var page = await SignInAsync("exams.view", "exams.edit");
        var link = page.Locator("#orleans-link");
        await Expect(link).ToBeVisibleAsync();

        var cluster = await page.RunAndWaitForPopupAsync(() => link.ClickAsync());

        await Assertions.Expect(cluster).ToHaveTitleAsync("Orleans Dashboard");
        await Expect(cluster.GetByText("Active Silos").First).ToBeVisibleAsync(new() { Timeout = 15_000 });
        // The page's own data requests carry no header: the cookie the sign-in set must open them.
        var silos = -1;
        await WriteScenario.EventuallyAsync(
            async () => (silos = await cluster.EvaluateAsync<int>("async () => (await (await fetch('DashboardCounters')).json()).totalActiveHostCount")) == 2,
            "the Orleans dashboard's own data request, with the cookie only, counts the cluster's 2 silos", observed: () => $"{silos}");
        await cluster.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("orleans-dashboard.png"), FullPage = true });
    }

    private async Task<IPage> SignInAsync(params string[] permissions)
    {
        var page = await _browser.NewPageAsync();
        await page.GotoAsync("/admin");
        await page.FillAsync("#token", ApiClients.Token(permissions));
        await page.ClickAsync("#sign-in button[type=submit]");
        await Expect(page.Locator("#live")).ToHaveTextAsync("live", new() { Timeout = 15_000 });
        return page;
    }

    private static ILocator ExamRow(IPage page, string examId) => page.Locator($"#exams tr[data-exam-id=\"{examId}\"]");

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    /// <summary>Screenshots go beside the test results (./test.sh: .data/test/results), where CI keeps them.</summary>
    private static string ScreenshotPath(string file)
    {
        var folder = Environment.GetEnvironmentVariable("MOCKEXAMS_TEST_RESULTS") ?? Path.Combine(AppContext.BaseDirectory, "results");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, file);
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _api.DisposeAsync();
        _scenario.Dispose();
    }
}
