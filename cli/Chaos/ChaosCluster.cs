using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;
using StackExchange.Redis;

namespace MockExams.Cli.Chaos;

/// <summary>
/// The cluster a chaos run owns: a fresh database on the given Postgres server (behind a <see cref="TcpGate"/>), its
/// own redis-server without persistence, the sandbox, N silos and M api processes, all on free loopback ports.
/// </summary>
public sealed class ChaosCluster : IAsyncDisposable
{
    private readonly ChaosSettings _settings;
    private readonly Action<string> _say;
    private readonly string _database = $"chaos_{Guid.NewGuid():N}"[..20];
    private bool _databaseCreated;
    private readonly List<ChaosProcess> _silos = [];
    private readonly List<ChaosProcess> _apis = [];
    private readonly HashSet<int> _heldDown = [];
    private ChaosProcess? _redis;
    private ChaosProcess? _sandbox;
    private TcpGate? _postgres;
    private int _redisPort;

    public ChaosCluster(ChaosSettings settings, Action<string> say)
    {
        _settings = settings;
        _say = say;
        JwtSecret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(36));
        WebhookSecret = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
    }

    public string JwtSecret { get; }

    public string WebhookSecret { get; }

    public Uri SandboxUrl { get; private set; } = null!;

    public IReadOnlyList<Uri> ApiUrls { get; private set; } = [];

    /// <summary>The run's database, reached directly (not through the gate), for the checks.</summary>
    public string ReplicaConnectionString { get; private set; } = "";

    public string RedisConnectionString => $"127.0.0.1:{_redisPort},abortConnect=false";

    public IReadOnlyList<ChaosProcess> Silos => _silos;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var root = _settings.RepositoryRoot ?? FindRepositoryRoot();
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}") ? "Debug" : "Release";
        string Dll(string project, string name) => Path.Combine(root, project, "bin", configuration, "net10.0", name);
        var logs = Path.Combine(_settings.WorkDirectory, "logs");
        Directory.CreateDirectory(logs);

        var server = new NpgsqlConnectionStringBuilder(_settings.ReplicaServer);
        try
        {
            await using var admin = NpgsqlDataSource.Create(server.ConnectionString);
            await using var create = admin.CreateCommand($"create database {_database}");
            await create.ExecuteNonQueryAsync(cancellationToken);
            _databaseCreated = true;
        }
        catch (NpgsqlException ex)
        {
            throw new ChaosSetupException(
                $"Cannot create the run's database on Postgres at {server.Host}:{server.Port} (--postgres): {ex.Message}", ex);
        }

        _postgres = new TcpGate(server.Host ?? "127.0.0.1", server.Port);
        ReplicaConnectionString = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = _database }.ConnectionString;
        var gated = new NpgsqlConnectionStringBuilder(ReplicaConnectionString) { Host = "127.0.0.1", Port = _postgres.Port }.ConnectionString;

        _redisPort = FreePort();
        _redis = new ChaosProcess("redis", "redis-server",
            ["--bind", "127.0.0.1", "--port", _redisPort.ToString(), "--save", "", "--appendonly", "no", "--dir", _settings.WorkDirectory],
            new Dictionary<string, string>(), Path.Combine(logs, "redis.log"));
        _redis.Start();
        await WaitForRedisAsync(cancellationToken);

        var sandboxPort = FreePort();
        SandboxUrl = new Uri($"http://127.0.0.1:{sandboxPort}");
        _sandbox = new ChaosProcess("sandbox", "dotnet", [Dll("sandbox", "MockExams.Sandbox.dll"), "--urls", SandboxUrl.ToString()],
            new Dictionary<string, string> { ["Sandbox__LatencyMs"] = "40", ["Logging__LogLevel__Default"] = "Warning" },
            Path.Combine(logs, "sandbox.log"));
        _sandbox.Start();
        await WaitForHttpAsync(new Uri(SandboxUrl, "/__sandbox/config"), cancellationToken);

        var common = new Dictionary<string, string>
        {
            ["ConnectionStrings__Replica"] = gated,
            ["ConnectionStrings__Redis"] = RedisConnectionString,
            ["Orleans__ClusterId"] = _database,
            ["Orleans__ServiceId"] = _database,
            ["HubSpot__BaseUrl"] = SandboxUrl.ToString(),
            ["HubSpot__AccessToken"] = "sandbox-token",
            ["HubSpot__WebhookSecret"] = WebhookSecret,
            ["Auth__JwtSecret"] = JwtSecret,
            ["Sync__IncrementalSeconds"] = "10",
            ["Logging__LogLevel__Default"] = "Warning",
            ["DOTNET_gcServer"] = "0",
        };
        for (var i = 0; i < _settings.Silos; i++)
        {
            var environment = new Dictionary<string, string>(common)
            {
                ["Orleans__SiloPort"] = FreePort().ToString(),
                ["Orleans__GatewayPort"] = FreePort().ToString(),
            };
            var silo = new ChaosProcess($"silo{i}", "dotnet", [Dll("silo", "MockExams.Silo.dll")], environment, Path.Combine(logs, $"silo{i}.log"));
            silo.Start();
            _silos.Add(silo);
        }

        List<Uri> apis = [];
        for (var i = 0; i < _settings.Apis; i++)
        {
            var url = new Uri($"http://127.0.0.1:{FreePort()}");
            var api = new ChaosProcess($"api{i}", "dotnet", [Dll("api", "MockExams.Api.dll"), "--urls", url.ToString()], common,
                Path.Combine(logs, $"api{i}.log"));
            api.Start();
            _apis.Add(api);
            apis.Add(url);
        }

        ApiUrls = apis;
        foreach (var api in apis)
        {
            await WaitForHttpAsync(new Uri(api, "/health/ready"), cancellationToken, TimeSpan.FromMinutes(3));
        }

        using var http = new HttpClient { BaseAddress = SandboxUrl };
        using var subscribe = await http.PutAsJsonAsync("/__sandbox/webhooks",
            new { targetUrl = new Uri(apis[0], "/webhooks/hubspot").ToString(), clientSecret = WebhookSecret }, cancellationToken);
        _say($"cluster up: {_settings.Silos} silos, {_settings.Apis} apis, sandbox {SandboxUrl}, logs in {logs}");
    }

    public void KillSilo(int index)
    {
        lock (_heldDown)
        {
            _heldDown.Add(index);
        }

        _silos[index].Kill();
    }

    public void StartSilo(int index)
    {
        lock (_heldDown)
        {
            _heldDown.Remove(index);
            if (!_silos[index].Running)
            {
                _silos[index].Start();
            }
        }
    }

    /// <summary>
    /// Restarts any silo or api that exited on its own (not one a fault holds down), as a process supervisor would;
    /// each restart is reported, since a process that stops itself is a finding.
    /// </summary>
    public IReadOnlyList<string> RestartExited()
    {
        List<string> restarted = [];
        lock (_heldDown)
        {
            for (var i = 0; i < _silos.Count; i++)
            {
                if (!_heldDown.Contains(i) && !_silos[i].Running)
                {
                    _silos[i].Start();
                    restarted.Add(_silos[i].Name);
                }
            }
        }

        foreach (var api in _apis.Where(a => !a.Running))
        {
            api.Start();
            restarted.Add(api.Name);
        }

        return restarted;
    }

    public async Task RestartRedisAsync(TimeSpan down, CancellationToken cancellationToken)
    {
        _redis!.Kill();
        await Task.Delay(down, cancellationToken);
        _redis.Start();
        await WaitForRedisAsync(cancellationToken);
    }

    public async Task FlushAllAsync()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync($"{RedisConnectionString},allowAdmin=true");
        await redis.GetServer(redis.GetEndPoints()[0]).FlushAllDatabasesAsync();
    }

    public void ClosePostgres() => _postgres!.Close();

    public void OpenPostgres() => _postgres!.Open();

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_apis.Concat(_silos).Select(p => p.StopAsync(TimeSpan.FromSeconds(10))));
        foreach (var process in _apis.Concat(_silos))
        {
            process.Dispose();
        }

        _sandbox?.Dispose();
        _redis?.Dispose();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        if (!_databaseCreated)
        {
            return;
        }

        try
        {
            await using var admin = NpgsqlDataSource.Create(_settings.ReplicaServer);
            await using var drop = admin.CreateCommand($"drop database if exists {_database} with (force)");
            await drop.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException ex)
        {
            _say($"could not drop database {_database}: {ex.Message}");
        }
    }

    private async Task WaitForRedisAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var redis = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{_redisPort}");
                await redis.GetDatabase().PingAsync();
                return;
            }
            catch (RedisConnectionException) when (attempt < 40)
            {
                await Task.Delay(250, cancellationToken);
            }
        }
    }

    private static async Task WaitForHttpAsync(Uri url, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(1));
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(url, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && DateTime.UtcNow < deadline)
            {
                // not up yet
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{url} did not answer within the start-up time; see the logs.");
            }

            await Task.Delay(500, cancellationToken);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MockExams.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository (MockExams.sln) above the CLI; run it from a checkout.");
    }
}
