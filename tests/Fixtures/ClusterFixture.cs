using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MockExams.Cli.Tokens;
using MockExams.Sandbox.Configuration;
using MockExams.Sandbox.Hosting;
using MockExams.Silo;

namespace MockExams.Tests.Fixtures;

/// <summary>
/// The whole back end for a test class or collection: a fresh migrated database, a private Redis key prefix,
/// two real silos (the silo's own wiring, Redis membership under a unique cluster id), the api, and an in-process
/// HubSpot sandbox that silos and api use as HubSpot. Replica sync is off here (its start-up backfill and polling
/// would add HubSpot calls that tests count); the sync tests derive fixtures that turn it on.
/// </summary>
public class ClusterFixture : IAsyncLifetime
{
    /// <summary>HS256 secret of this fixture's api; tokens come from <see cref="CreateClient(string[])"/>.</summary>
    public const string JwtSecret = "test-secret-for-mockexams-integration-tests-0123456789";

    private readonly List<IHost> _silos = [];
    private readonly IReadOnlyDictionary<string, string?> _overrides;
    private readonly SandboxSettings _sandboxSettings;

    public ClusterFixture()
        : this(new Dictionary<string, string?> { ["Sync:Enabled"] = "false" }, new SandboxSettings { LatencyMs = 50 })
    {
    }

    /// <param name="overrides">Settings for silos and api on top of the defaults (e.g. <c>Sync:IncrementalSeconds</c>).</param>
    /// <param name="sandboxSettings">The sandbox's knobs at start.</param>
    protected ClusterFixture(IReadOnlyDictionary<string, string?> overrides, SandboxSettings sandboxSettings)
    {
        _overrides = overrides;
        _sandboxSettings = sandboxSettings;
    }

    public PostgresDatabase Database { get; } = new();

    public RedisFixture Redis { get; } = new();

    public string ClusterId { get; } = $"test-{Guid.NewGuid():N}";

    public ApiFactory Api { get; private set; } = null!;   // set in InitializeAsync

    /// <summary>HubSpot for this fixture: real HTTP on 127.0.0.1, HubSpot's shapes and limits, 50 ms per call.</summary>
    public SandboxHost Sandbox { get; private set; } = null!;   // set in InitializeAsync

    public IGrainFactory Grains => Api.Services.GetRequiredService<IClusterClient>();

    public IReadOnlyList<IHost> Silos => _silos;

    public virtual async ValueTask InitializeAsync()
    {
        await Database.InitializeAsync();
        await Redis.InitializeAsync();
        Sandbox = await SandboxHost.StartAsync(_sandboxSettings);
        await BeforeSilosStartAsync();
        await StartSiloAsync();
        await StartSiloAsync();
        Api = new ApiFactory(ApiSettings());
        using var client = Api.CreateClient();
        await WaitUntilReadyAsync(client);
    }

    /// <summary>Runs after the sandbox and before the silos start (e.g. to put data "already in HubSpot").</summary>
    protected virtual Task BeforeSilosStartAsync() => Task.CompletedTask;

    /// <summary>Starts one more silo in this process, configured exactly as <c>silo/Program.cs</c> does.</summary>
    public async Task<IHost> StartSiloAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(SiloSettings());
        builder.AddMockExamsSilo();
        TestLogFile.AddTo(builder.Logging, $"silo{_silos.Count}");
        ConfigureSilo(builder.Services);
        var silo = builder.Build();
        await silo.StartAsync();
        _silos.Add(silo);
        return silo;
    }

    /// <summary>Changes a silo's services after the silo's own wiring (e.g. to wrap the HubSpot budget governor).</summary>
    protected virtual void ConfigureSilo(IServiceCollection services)
    {
    }

    /// <summary>The silo of this fixture that hosts the grain's activation; null when none does.</summary>
    public async Task<IHost?> SiloHostingAsync(IAddressable grain)
    {
        var address = await Grains.GetGrain<IManagementGrain>(0).GetActivationAddress(grain);
        return _silos.FirstOrDefault(silo => silo.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.Equals(address));
    }

    /// <summary>Stops a silo the way a crash would: no graceful deactivation of its grains, nothing saved on the way out.</summary>
    public static async Task KillAsync(IHost silo)
    {
        using var kill = new CancellationTokenSource();
        await kill.CancelAsync();
        await silo.StopAsync(kill.Token);
    }

    /// <summary>Another api process (in memory) joined to the same cluster: read-your-writes must hold across apis.</summary>
    public ApiFactory StartAnotherApi() => new(ApiSettings());

    /// <summary>Another api process with settings of its own on top (e.g. <c>Api:CorsOrigins</c>), and more of its own wiring.</summary>
    public ApiFactory StartAnotherApi(IReadOnlyDictionary<string, string?> settings, Action<Microsoft.AspNetCore.Hosting.IWebHostBuilder>? configure = null)
    {
        var merged = ApiSettings();
        foreach (var (key, value) in settings)
        {
            merged[key] = value;
        }

        return new ApiFactory(merged, configure);
    }

    /// <summary>A student's client: a token with no permission, linked to HubSpot contact <paramref name="contactId"/>.</summary>
    public HttpClient CreateStudentClient(string contactId, ApiFactory? api = null) =>
        CreateClient(api ?? Api, $"student-{contactId}", contactId);

    /// <summary>A client whose token has its own <c>sub</c> (and optionally a student's contact).</summary>
    public static HttpClient CreateClient(ApiFactory api, string subject, string? contactId, params string[] permissions)
    {
        var client = api.CreateClient();
        var token = DevTokens.Create(JwtSecret, DevTokens.DefaultIssuer, "authenticated", permissions, TimeSpan.FromHours(1), subject, contactId);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>An api client whose bearer token carries the given permissions (none: an authenticated user without any).</summary>
    public HttpClient CreateClient(params string[] permissions) => CreateClient(Api, permissions);

    public static HttpClient CreateClient(ApiFactory api, params string[] permissions) => CreateClientAs(api, null, permissions);

    /// <summary>An api client for another caller: its token's <c>sub</c> is <paramref name="subject"/>.</summary>
    public HttpClient CreateClientAs(string subject, params string[] permissions) => CreateClientAs(Api, subject, permissions);

    private static HttpClient CreateClientAs(ApiFactory api, string? subject, string[] permissions)
    {
        var client = api.CreateClient();
        var token = subject is null
            ? DevTokens.Create(JwtSecret, DevTokens.DefaultIssuer, "authenticated", permissions, TimeSpan.FromHours(1))
            : DevTokens.Create(JwtSecret, DevTokens.DefaultIssuer, "authenticated", permissions, TimeSpan.FromHours(1), subject);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private Dictionary<string, string?> SharedSettings()
    {
        var settings = DefaultSettings();
        foreach (var (key, value) in _overrides)
        {
            settings[key] = value;
        }

        return settings;
    }

    private Dictionary<string, string?> DefaultSettings() => new()
    {
        ["ConnectionStrings:Replica"] = Database.ConnectionString,
        ["ConnectionStrings:Redis"] = Redis.ConnectionString,
        ["Cache:KeyPrefix"] = Redis.KeyPrefix,
        ["Orleans:ClusterId"] = ClusterId,
        ["Orleans:ServiceId"] = ClusterId,
        ["Logging:LogLevel:Default"] = "Warning",
        ["HubSpot:BaseUrl"] = Sandbox.BaseUrl.ToString(),
        ["HubSpot:AccessToken"] = "sandbox-token",
        ["HubSpot:BookingToExamAssociationTypeId"] = Sandbox.Config.Current.BookingToExamAssociationTypeId.ToString(),
        ["HubSpot:BookingToContactAssociationTypeId"] = Sandbox.Config.Current.BookingToContactAssociationTypeId.ToString(),
        // The budget governor's bucket is per fixture, like every other Redis key of it.
        ["HubSpot:BudgetKeyPrefix"] = $"{Redis.KeyPrefix}hubspot:budget",
    };

    private Dictionary<string, string?> SiloSettings()
    {
        var settings = SharedSettings();
        settings["Orleans:SiloPort"] = FreePort.Next().ToString();
        settings["Orleans:GatewayPort"] = FreePort.Next().ToString();
        return settings;
    }

    private Dictionary<string, string?> ApiSettings()
    {
        var settings = SharedSettings();
        settings["Auth:JwtSecret"] = JwtSecret;
        return settings;
    }

    private static async Task WaitUntilReadyAsync(HttpClient client)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var response = await client.GetAsync("/health/ready", timeout.Token);
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            await Task.Delay(100, timeout.Token);
        }
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (Api is not null)
        {
            await Api.DisposeAsync();
        }

        foreach (var silo in Enumerable.Reverse(_silos))
        {
            await silo.StopAsync();
            silo.Dispose();
        }

        if (Sandbox is not null)
        {
            await Sandbox.DisposeAsync();
        }

        await Redis.DisposeAsync();
        await Database.DisposeAsync();
    }
}
