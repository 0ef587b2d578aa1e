using System.Net;
using System.Net.Sockets;
using MockExams.Cli.Chaos;

namespace MockExams.Tests.Cli.Chaos;

/// <summary><c>mockexams chaos</c> pointed at a Postgres it cannot reach says so in one line (exit 3), not with a stack trace.</summary>
public sealed class ChaosSetupTests
{
    [Fact]
    public async Task Chaos_PostgresUnreachable_FailsWithASetupErrorNamingTheServer()
    {
        var port = ClosedPort();
        var settings = new ChaosSettings(Seed: 1, Duration: TimeSpan.FromSeconds(10), Silos: 1, Apis: 1, Exams: 1, Capacity: 1,
            Workers: 1, ReplicaServer: $"Host=127.0.0.1;Port={port};Username=postgres;Password=x;Timeout=3",
            WorkDirectory: Path.Combine(Path.GetTempPath(), $"mockexams-chaos-{Guid.NewGuid():N}"), ConvergenceWindow: TimeSpan.FromSeconds(5));

        var error = await Assert.ThrowsAsync<ChaosSetupException>(
            () => new ChaosRunner(settings, _ => { }).RunAsync(TestContext.Current.CancellationToken));

        Assert.Contains($"127.0.0.1:{port}", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    /// <summary>A port nothing listens on: bound, then released.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
