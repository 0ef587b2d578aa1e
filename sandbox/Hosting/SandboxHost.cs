using System.Net;
using System.Net.Http.Headers;
using MockExams.Sandbox.Configuration;
using MockExams.Sandbox.Crm;
using MockExams.Sandbox.Limits;
using MockExams.Sandbox.Observability;

namespace MockExams.Sandbox.Hosting;

/// <summary>
/// The sandbox inside another process (tests, benchmarks): real Kestrel on 127.0.0.1, so other
/// processes and ordinary HttpClients reach it by URL.
/// </summary>
public sealed class SandboxHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SandboxHost(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>Where it listens, e.g. http://127.0.0.1:50123/ (with the trailing slash HttpClient.BaseAddress wants).</summary>
    public Uri BaseUrl { get; }

    /// <summary>The live knobs; changing them here is the same as PUT /__sandbox/config.</summary>
    public SandboxConfig Config => Services.GetRequiredService<SandboxConfig>();

    public SandboxStats Stats => Services.GetRequiredService<SandboxStats>();

    public CrmStore Store => Services.GetRequiredService<CrmStore>();

    public HubSpotRateLimiter RateLimiter => Services.GetRequiredService<HubSpotRateLimiter>();

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts a sandbox; port 0 picks a free port.</summary>
    /// <param name="timeProvider">The clock of budgets, search lag and timestamps (default: the system clock).</param>
    public static async Task<SandboxHost> StartAsync(
        SandboxSettings? settings = null, int port = 0, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SandboxHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddSandbox(settings ?? new SandboxSettings(), timeProvider);

        var app = builder.Build();
        app.UseSandbox();
        await app.StartAsync(cancellationToken);

        // After start, Urls holds the bound address, with the real port when 0 was asked for.
        var address = app.Urls.First();
        return new SandboxHost(app, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>An HttpClient aimed at the sandbox, with a bearer token (null: none).</summary>
    public HttpClient CreateClient(string? token = "sandbox-token")
    {
        var client = new HttpClient { BaseAddress = BaseUrl };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
