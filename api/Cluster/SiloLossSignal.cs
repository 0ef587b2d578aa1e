namespace MockExams.Api.Cluster;

/// <summary>
/// Tells grain calls in flight that a silo's gateway just went away (the cluster client's connected gateways fell,
/// or its connection to the cluster was lost). A call whose message was inside a silo that died is never answered;
/// <see cref="GrainCallRetry"/> sends such calls again with the same key at once instead of waiting for an attempt
/// timeout. Only calls that are safe to send again listen to it: a slow call that was not lost is joined by the grain,
/// never done twice.
/// </summary>
public sealed partial class SiloLossSignal(ILogger<SiloLossSignal> logger)
{
    private CancellationTokenSource _current = new();

    /// <summary>Cancelled at the next loss of a gateway.</summary>
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

    /// <summary>Ends the current token (tests call it to stand for a silo's death).</summary>
    public void Signal()
    {
        var lost = Interlocked.Exchange(ref _current, new CancellationTokenSource());
        // Off Orleans' connection thread: every call in flight reacts to it. Not disposed: a call may link to it still.
        _ = Task.Run(lost.Cancel);
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning,
        Message = "Connected gateways fell from {Previous} to {Current}: writes in flight are sent again with their keys")]
    private static partial void LogGatewayLost(ILogger logger, int previous, int current);
}
