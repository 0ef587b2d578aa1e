namespace MockExams.Api.Cluster;

/// <summary>
/// Retries an idempotent grain call (one that carries the client's idempotency key) while the cluster takes over a
/// dead silo's grains: a call refused because its target silo is gone or unreachable is sent again until the
/// survivors have taken over (about 3 s, silo/FailoverTuning.cs), within <see cref="Deadline"/>. Only for calls
/// whose repeat returns the first answer: a booking retried with the same key is never booked twice.
/// </summary>
public static class FailoverRetry
{
    /// <summary>How long a call keeps being retried before the client is told to retry itself (503).</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(8);

    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(1);

    public static async Task<T> RunAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        var pause = FirstPause;
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception ex) when (ex is SiloUnavailableException or OrleansMessageRejectionException
                && TimeProvider.System.GetElapsedTime(started) + pause < Deadline)
            {
                await Task.Delay(pause, cancellationToken);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
            }
        }
    }
}
