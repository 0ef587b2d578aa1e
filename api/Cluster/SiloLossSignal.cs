namespace MockExams.Api.Cluster;

/// <summary>
/// Tells grain calls in flight that a silo's gateway just went away. A call whose message reached a silo that died
/// gets no answer until Orleans' 30-second response timeout; when a gateway connection drops, every call in flight
/// then is given up at once (<see cref="SiloLossCallFilter"/>), to be retried or answered 503 + Retry-After, instead
/// of waiting the timeout out.
/// </summary>
public sealed class SiloLossSignal : IClusterConnectionStatusObserver
{
    private CancellationTokenSource _current = new();

    /// <summary>Cancelled when a gateway is lost after it was taken.</summary>
    public CancellationToken Current => Volatile.Read(ref _current).Token;

    public void NotifyGatewayCountChanged(int currentNumberOfGateways, int previousNumberOfGateways, bool connectionRecovered)
    {
        if (currentNumberOfGateways < previousNumberOfGateways)
        {
            Signal();
        }
    }

    public void NotifyClusterConnectionLost() => Signal();

    private void Signal()
    {
        var lost = Interlocked.Exchange(ref _current, new CancellationTokenSource());
        lost.Cancel();
        lost.Dispose();
    }
}
