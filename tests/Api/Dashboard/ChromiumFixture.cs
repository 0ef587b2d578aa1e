using Microsoft.Playwright;

namespace MockExams.Tests.Api.Dashboard;

/// <summary>
/// A real headless Chromium: Debian's <c>chromium</c> package (./test.sh installs it when missing; env
/// <c>MOCKEXAMS_CHROMIUM</c> points elsewhere), driven by Playwright. Playwright never downloads a browser here.
/// A missing Chromium fails the run, never skips it.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public static string ExecutablePath { get; } = Environment.GetEnvironmentVariable("MOCKEXAMS_CHROMIUM") ?? "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;   // set in InitializeAsync

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"No Chromium at {ExecutablePath}. Run the tests through ./test.sh (it installs Debian's chromium), "
                + "or set MOCKEXAMS_CHROMIUM to a Chromium or Chrome executable.");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // Root in CI containers cannot use Chromium's sandbox; /dev/shm there is often tiny.
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
