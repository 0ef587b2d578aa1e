using System.Net;
using System.Net.Sockets;

namespace MockExams.Tests.Fixtures;

/// <summary>
/// A loopback TCP forwarder in front of Postgres or Redis, so a test can take the dependency away from a running
/// silo (<see cref="Cut"/>) or hold the server's answers on one connection back (<see cref="HoldNextResponse"/>)
/// to widen a race window, with nothing changed in the code under test.
/// </summary>
internal sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly Func<ReadOnlyMemory<byte>, bool> _startsRequest;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Link> _links = [];
    private readonly Lock _lock = new();
    private readonly Task _acceptLoop;
    private volatile bool _cut;
    private volatile Hold? _armed;
    private Hold _current = new();

    /// <param name="startsRequest">
    /// Whether bytes from the client begin a request whose answer a hold may take (by default any), so a hold
    /// catches a query rather than, say, the handshake of a connection the pool just opened.
    /// </param>
    public TcpProxy(string targetHost, int targetPort, Func<ReadOnlyMemory<byte>, bool>? startsRequest = null)
    {
        _targetHost = targetHost;
        _targetPort = targetPort;
        _startsRequest = startsRequest ?? (_ => true);
        _current.Release.TrySetResult();
        _listener.Start();
        _acceptLoop = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Completes once the server answered the held request: the query ran, its answer waits here.</summary>
    public Task ResponseHeld => _current.Held.Task;

    /// <summary>Closes every open connection and closes each new one at once, like a server that went away.</summary>
    public void Cut()
    {
        _cut = true;
        lock (_lock)
        {
            foreach (var link in _links)
            {
                link.Close();
            }

            _links.Clear();
        }
    }

    public void Restore() => _cut = false;

    /// <summary>
    /// The next connection to send the server anything gets the server's answers held in the proxy until
    /// <see cref="ReleaseResponses"/>; every other connection keeps flowing (so a write on another one commits).
    /// </summary>
    public void HoldNextResponse()
    {
        _current = new Hold();
        _armed = _current;
    }

    public void ReleaseResponses()
    {
        _armed = null;
        _current.Release.TrySetResult();
    }

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
        var link = new Link(client, new TcpClient { NoDelay = true });
        client.NoDelay = true;
        try
        {
            await link.Server.ConnectAsync(_targetHost, _targetPort, _stopping.Token);
            lock (_lock)
            {
                _links.Add(link);
            }

            await Task.WhenAny(ToServerAsync(link), ToClientAsync(link));
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            // The connection ended (cut, or closed by either side): close both halves below.
        }
        finally
        {
            lock (_lock)
            {
                _links.Remove(link);
            }

            link.Close();
        }
    }

    private Task ToServerAsync(Link link) => PumpAsync(link.Client.GetStream(), link.Server.GetStream(), onRead: bytes =>
    {
        if (_armed is { } hold && _startsRequest(bytes) && Interlocked.CompareExchange(ref _armed, null, hold) == hold)
        {
            link.Hold = hold;
        }

        return Task.CompletedTask;
    });

    private Task ToClientAsync(Link link) => PumpAsync(link.Server.GetStream(), link.Client.GetStream(), onRead: async _ =>
    {
        if (link.Hold is { } hold && !hold.Release.Task.IsCompleted)
        {
            hold.Held.TrySetResult();
            await hold.Release.Task.WaitAsync(_stopping.Token);
        }
    });

    private async Task PumpAsync(NetworkStream from, NetworkStream to, Func<ReadOnlyMemory<byte>, Task> onRead)
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

                await onRead(buffer.AsMemory(0, read));
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

    /// <summary>One hold: signalled when the server answered on the held connection, released by the test.</summary>
    private sealed class Hold
    {
        public TaskCompletionSource Held { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Link(TcpClient client, TcpClient server)
    {
        private volatile Hold? _hold;

        public TcpClient Client { get; } = client;

        public TcpClient Server { get; } = server;

        /// <summary>The hold this connection was picked for; once released, the connection flows for good.</summary>
        public Hold? Hold
        {
            get => _hold;
            set => _hold = value;
        }

        public void Close()
        {
            Client.Dispose();
            Server.Dispose();
        }
    }
}
