using System.Net;
using System.Net.Sockets;

namespace MockExams.Tests.Reads.Fixtures;

/// <summary>
/// A loopback TCP forwarder in front of Postgres or Redis, so a test can take the dependency away from a running
/// silo (<see cref="Cut"/>) or hold the server's answers back (<see cref="HoldResponses"/>) to widen a race window,
/// with nothing changed in the code under test.
/// </summary>
internal sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<(TcpClient Client, TcpClient Server)> _connections = [];
    private readonly Lock _lock = new();
    private readonly Task _acceptLoop;
    private volatile bool _cut;
    private volatile TaskCompletionSource? _release;
    private TaskCompletionSource _held = NewSignal();

    public TcpProxy(string targetHost, int targetPort)
    {
        _targetHost = targetHost;
        _targetPort = targetPort;
        _listener.Start();
        _acceptLoop = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Completes once the server sent bytes while responses are held: the query ran, its answer waits here.</summary>
    public Task ResponseHeld => _held.Task;

    /// <summary>Closes every open connection and closes each new one at once, like a server that went away.</summary>
    public void Cut()
    {
        _cut = true;
        lock (_lock)
        {
            foreach (var (client, server) in _connections)
            {
                client.Dispose();
                server.Dispose();
            }

            _connections.Clear();
        }
    }

    public void Restore() => _cut = false;

    /// <summary>From now on bytes from the server wait in the proxy until <see cref="ReleaseResponses"/>.</summary>
    public void HoldResponses()
    {
        _held = NewSignal();
        _release = NewSignal();
    }

    public void ReleaseResponses() => Interlocked.Exchange(ref _release, null)?.TrySetResult();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            if (_cut)
            {
                client.Dispose();
                continue;
            }

            _ = ForwardAsync(client);
        }
    }

    private async Task ForwardAsync(TcpClient client)
    {
        var server = new TcpClient { NoDelay = true };
        client.NoDelay = true;
        try
        {
            await server.ConnectAsync(_targetHost, _targetPort, _stopping.Token);
            lock (_lock)
            {
                _connections.Add((client, server));
            }

            await Task.WhenAny(
                PumpAsync(client.GetStream(), server.GetStream(), hold: false),
                PumpAsync(server.GetStream(), client.GetStream(), hold: true));
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            // The connection ended (cut, or closed by either side): close both halves below.
        }
        finally
        {
            lock (_lock)
            {
                _connections.Remove((client, server));
            }

            client.Dispose();
            server.Dispose();
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to, bool hold)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReadAsync(buffer, _stopping.Token);
                if (read == 0)
                {
                    return;
                }

                if (hold && _release is { } release)
                {
                    _held.TrySetResult();
                    await release.Task.WaitAsync(_stopping.Token);
                }

                await to.WriteAsync(buffer.AsMemory(0, read), _stopping.Token);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Either side went away.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        ReleaseResponses();
        Cut();
        await _acceptLoop;
        _stopping.Dispose();
    }
}
