namespace MockExams.Api.Cluster;

/// <summary>
/// Tells grain calls in flight that a silo's gateway just went away. A call whose message reached a silo that died
/// gets no answer until Orleans' 30-second response timeout; when the client's gateway count drops, every call in
/// flight then is given up at once (<see cref="SiloLossCallFilter"/>), to be retried or answered 503 + Retry-After,
/// instead of waiting the timeout out.
/// </summary>
public sealed partial class SiloLossSignal(ILogger<SiloLossSignal> logger)
{
    private CancellationTokenSource _current = new();

    /// <summary>Cancelled when a gateway is lost after it was taken.</summary>
    public CancellationToken Current => Volatile.Read(ref _current).Token;

    public void OnGatewayCountChanged(object? sender, GatewayCountChangedEventArgs e)
    {
        if (e.NumberOfConnectedGateways < e.PreviousNumberOfConnectedGateways)
        {
            LogGatewayLost(logger, e.PreviousNumberOfConnectedGateways, e.NumberOfConnectedGateways);
            Signal();
        }
    }

    public void OnClusterConnectionLost(object? sender, EventArgs e) => Signal();

    private void Signal()
    {
        var lost = Interlocked.Exchange(ref _current, new CancellationTokenSource());
        lost.Cancel();
        lost.Dispose();
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning,
        Message = "Connected gateways fell from {Previous} to {Current}: grain calls in flight are given up and retried or answered 503")]
    private static partial void LogGatewayLost(ILogger logger, int previous, int current);
}
