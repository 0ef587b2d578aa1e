using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MockExams.Cli.Tokens;
using MockExams.Grains.Cache;
using MockExams.Sandbox.Configuration;
using MockExams.Sandbox.Hosting;
using MockExams.Silo;
using Npgsql;
using StackExchange.Redis;

namespace MockExams.Tests.Fixtures;

/// <summary>
/// One real silo whose grains reach Postgres and Redis through <see cref="TcpProxy"/> proxies, the api, and a
/// HubSpot sandbox. Orleans itself (membership, storage, reminders) and the api's own health checks use the real
/// servers, so the cluster stays up while a test cuts the replica or the cache away from the grains, or holds the
/// replica's answer to one query back. A short Redis timeout keeps the degraded tests quick.
/// </summary>
public sealed class ProxiedClusterFixture : IAsyncLifetime
{
    /// <summary>
    /// Long enough that the six reads of an outage test (each a new grain and a replica query) all fall inside one
    /// break even on a loaded CI machine: at 2 s, one run saw its sixth read probe Redis after the break.
    /// </summary>
    public const int CircuitBreakSeconds = 10;

    private IHost? _silo;
    private TcpProxy? _replicaProxy;
    private TcpProxy? _redisProxy;

    public PostgresDatabase Database { get; } = new();

    public RedisFixture Redis { get; } = new();

    public string ClusterId { get; } = $"test-proxied-{Guid.NewGuid():N}";

    public ApiFactory Api { get; private set; } = null!;   // set in InitializeAsync

    public SandboxHost Sandbox { get; private set; } = null!;   // set in InitializeAsync

    public IGrainFactory Grains => Api.Services.GetRequiredService<IClusterClient>();

    internal TcpProxy ReplicaProxy => _replicaProxy!;   // set in InitializeAsync

    internal TcpProxy RedisProxy => _redisProxy!;       // set in InitializeAsync

    public IEnumerable<IServiceProvider> SiloServices => [_silo!.Services];   // set in InitializeAsync

    public async ValueTask InitializeAsync()
    {
        await Database.InitializeAsync();
        await Redis.InitializeAsync();
        Sandbox = await SandboxHost.StartAsync(new SandboxSettings { LatencyMs = 20 });
        var replica = new NpgsqlConnectionStringBuilder(Database.ConnectionString);
        _replicaProxy = new TcpProxy(replica.Host!, replica.Port, StartsPostgresQuery);   // Host is always set in the test connection string
        var redis = ConfigurationOptions.Parse(Redis.ConnectionString);
        var redisEndPoint = (System.Net.DnsEndPoint)Normalize(redis.EndPoints[0]);
        _redisProxy = new TcpProxy(redisEndPoint.Host, redisEndPoint.Port);

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(SiloSettings());
        builder.AddMockExamsSilo();
        // The read path's handles go through the proxies; registered last, so they win.
        // No reset on close: otherwise a pooled connection's next query is preceded by a DISCARD ALL whose answer
        // the server sends first, and a hold could take that answer while the query itself still runs.
        builder.Services.AddSingleton(NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(Database.ConnectionString)
        {
            Host = "127.0.0.1",
            Port = ReplicaProxy.Port,
            NoResetOnClose = true,
        }.ConnectionString));
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ =>
        {
            var proxied = ConfigurationOptions.Parse($"127.0.0.1:{RedisProxy.Port}");
            proxied.AbortOnConnectFail = false;
            return ConnectionMultiplexer.Connect(proxied);
        });
        _silo = builder.Build();
        await _silo.StartAsync();

        Api = new ApiFactory(SharedSettings());
        using var client = Api.CreateClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!(await client.GetAsync("/health/ready", timeout.Token)).IsSuccessStatusCode)
        {
            await Task.Delay(100, timeout.Token);
        }
    }

    public HttpClient CreateClient(params string[] permissions)
    {
        var client = Api.CreateClient();
        var token = DevTokens.Create(ClusterFixture.JwtSecret, DevTokens.DefaultIssuer, "authenticated", permissions, TimeSpan.FromHours(1));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The silo's cache: what the exam grain's write path calls after each replica commit.</summary>
    public ExamCache Cache => _silo!.Services.GetRequiredService<ExamCache>();   // set in InitializeAsync

    private Dictionary<string, string?> SharedSettings() => new()
    {
        ["ConnectionStrings:Replica"] = Database.ConnectionString,
        ["ConnectionStrings:Redis"] = Redis.ConnectionString,
        ["Cache:KeyPrefix"] = Redis.KeyPrefix,
        ["Orleans:ClusterId"] = ClusterId,
        ["Orleans:ServiceId"] = ClusterId,
        ["Auth:JwtSecret"] = ClusterFixture.JwtSecret,
        ["Logging:LogLevel:Default"] = "Warning",
        ["HubSpot:BaseUrl"] = Sandbox.BaseUrl.ToString(),
        ["HubSpot:AccessToken"] = "sandbox-token",
        ["HubSpot:BookingToExamAssociationTypeId"] = Sandbox.Config.Current.BookingToExamAssociationTypeId.ToString(),
        ["HubSpot:BookingToContactAssociationTypeId"] = Sandbox.Config.Current.BookingToContactAssociationTypeId.ToString(),
        ["HubSpot:BudgetKeyPrefix"] = $"{Redis.KeyPrefix}hubspot:budget",
        // No replica sync: its backfill and polling would write the replica and call HubSpot behind the tests' backs.
        ["Sync:Enabled"] = "false",
        // Signed deliveries reach the sync grain's inbox even with sync off (tests/Faults/GrainEdgeFailureTests.cs).
        ["HubSpot:WebhookSecret"] = MockExams.Tests.Grains.Sync.SyncTestKit.WebhookSecret,
    };

    private Dictionary<string, string?> SiloSettings()
    {
        var settings = SharedSettings();
        settings["Orleans:SiloPort"] = FreePort.Next().ToString();
        settings["Orleans:GatewayPort"] = FreePort.Next().ToString();
        settings["Cache:RedisTimeoutMilliseconds"] = "300";
        settings["Cache:CircuitBreakAfterFailures"] = "2";
        settings["Cache:CircuitBreakSeconds"] = CircuitBreakSeconds.ToString();
        return settings;
    }

    // 'P' (Parse) starts every parameterized query Npgsql sends (extended protocol), and the server answers it all at
    // the closing Sync, after running it. The startup and authentication messages of a new connection start otherwise.
    private static bool StartsPostgresQuery(ReadOnlyMemory<byte> bytes) => bytes.Span[0] == (byte)'P';

    private static System.Net.EndPoint Normalize(System.Net.EndPoint endPoint) => endPoint switch
    {
        System.Net.IPEndPoint ip => new System.Net.DnsEndPoint(ip.Address.ToString(), ip.Port),
        _ => endPoint,
    };

    public async ValueTask DisposeAsync()
    {
        if (Api is not null)
        {
            await Api.DisposeAsync();
        }

        if (_silo is not null)
        {
            await _silo.StopAsync();
            _silo.Dispose();
        }

        if (_replicaProxy is not null)
        {
            await _replicaProxy.DisposeAsync();
        }

        if (_redisProxy is not null)
        {
            await _redisProxy.DisposeAsync();
        }

        if (Sandbox is not null)
        {
            await Sandbox.DisposeAsync();
        }

        await Redis.DisposeAsync();
        await Database.DisposeAsync();
    }
}
