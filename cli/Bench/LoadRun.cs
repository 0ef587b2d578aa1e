using System.Diagnostics;
using System.Net.Sockets;

namespace MockExams.Cli.Bench;

/// <summary>
/// HTTP load from N workers, one keep-alive <see cref="BenchConnection"/> each. Closed loop (no rate): each worker
/// sends its next GET as soon as the previous answer is read to the end, so throughput is the most the target gives.
/// Paced (a rate in requests/s over all workers): each worker sends on a fixed schedule, and a request that goes out
/// late because the previous answer came late counts its latency from the scheduled time, so a slow answer also
/// charges the requests it delayed; a worker that was idle counts from when its timer woke it, since that slop is the
/// client's own, and the requests it then sends late to catch up are not charged that slop either
/// (<see cref="WhenLate"/>). A response counts as an error unless it is 200 with the expected length.
/// </summary>
public static class LoadRun
{
    public static async Task<LoadResult> RunAsync(
        IReadOnlyList<BenchConnection> connections, byte[] request, TimeSpan duration, long expectedLength,
        CancellationToken cancellationToken, double? rate = null)
    {
        // Everything the client allocates or collects happens before the clock starts: 64 latency lists are 32 MB, and
        // allocating them on the clock charged the target with the client's own zeroing and collection (a paced run
        // counts from each scheduled time, so a client stall at its start read as tens of milliseconds of target latency).
        var latencyLists = connections.Select(_ => new List<long>(capacity: 64 * 1024)).ToArray();
        GC.Collect();
        GC.WaitForPendingFinalizers();

        var started = Stopwatch.GetTimestamp();
        var stopAt = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long? interval = rate is { } perSecond ? (long)(Stopwatch.Frequency * connections.Count / perSecond) : null;
        var workers = connections
            .Select((connection, worker) => Task.Run(() => WorkAsync(connection, request, latencyLists[worker], stopAt, expectedLength,
                interval is { } every ? (started + every * worker / connections.Count, every) : null, cancellationToken), cancellationToken))
            .ToArray();
        var results = await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(started);

        var latencies = results.SelectMany(result => result.Latencies).ToArray();
        Array.Sort(latencies);
        return new LoadResult(latencies.Length, results.Sum(result => result.Errors), elapsed, latencies);
    }

    /// <summary>
    /// A paced worker slept until <paramref name="slot"/> and its timer woke it at <paramref name="woke"/>: the request
    /// counts from the slot, or from the wake-up if that was late, and how late the wake-up was is the client's own lag.
    /// </summary>
    internal static (long CountFrom, long Lag) AfterSleep(long slot, long woke) =>
        (Math.Max(slot, woke), Math.Max(0, woke - slot));

    /// <summary>
    /// A paced worker ready to send at <paramref name="ready"/>, past its <paramref name="slot"/>, because the previous
    /// answer came after it: the target's share of that wait counts (no coordinated omission), but not the
    /// <paramref name="lag"/> its own timer added when it last slept. Without that, a wake-up 40 ms late made each
    /// following slot of the worker look up to 40 ms late too, charged to the target as if its answers had been slow.
    /// </summary>
    internal static long WhenLate(long slot, long ready, long lag) => Math.Min(ready, slot + lag);

    private static async Task<(List<long> Latencies, long Errors)> WorkAsync(
        BenchConnection connection, byte[] request, List<long> latencies, long stopAt, long expectedLength,
        (long First, long Every)? schedule, CancellationToken cancellationToken)
    {
        long errors = 0;
        var next = schedule?.First ?? 0;
        long lag = 0;   // how late this worker's own timer last woke it
        while (Stopwatch.GetTimestamp() < stopAt)
        {
            var start = Stopwatch.GetTimestamp();
            if (schedule is { Every: var every })
            {
                if (next >= stopAt)
                {
                    break;
                }

                if (next > start)
                {
                    await Task.Delay(Stopwatch.GetElapsedTime(start, next), cancellationToken);
                    (start, lag) = AfterSleep(next, Stopwatch.GetTimestamp());
                }
                else
                {
                    start = WhenLate(next, start, lag);
                }

                next += every;
            }

            int status;
            long length;
            try
            {
                (status, length) = await connection.SendAsync(request, cancellationToken);
            }
            catch (Exception ex) when (ex is SocketException or BenchProtocolException)
            {
                errors++;
                continue;
            }

            latencies.Add(Stopwatch.GetTimestamp() - start);
            if (status != 200 || length != expectedLength)
            {
                errors++;
            }
        }

        return (latencies, errors);
    }
}
