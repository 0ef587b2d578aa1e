namespace MockExams.Api.Cluster;

/// <summary>
/// Gives up a grain call that was in flight when a silo's gateway went away (<see cref="SiloLossSignal"/>): it may
/// have been lost with the silo, so it fails at once as <see cref="SiloUnavailableException"/> (503 + Retry-After, or
/// a retry where the call is idempotent) rather than after Orleans' 30-second response timeout. A call that is still
/// running completes anyway; its answer is just not waited for.
/// </summary>
public sealed class SiloLossCallFilter(SiloLossSignal signal) : IOutgoingGrainCallFilter
{
    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        var lost = signal.Current;
        try
        {
            await context.Invoke().WaitAsync(lost);
        }
        catch (OperationCanceledException) when (lost.IsCancellationRequested)
        {
            throw new SiloUnavailableException("A silo left the cluster while this call was in flight; it may or may not have completed.");
        }
    }
}
