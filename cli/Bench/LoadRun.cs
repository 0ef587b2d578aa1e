using System.Diagnostics;
using System.Net.Sockets;

namespace MockExams.Cli.Bench;

/// <summary>
/// HTTP load from N workers, one keep-alive <see cref="BenchConnection"/> each. Closed loop (no rate): each worker
/// sends its next GET as soon as the previous answer is read to the end, so throughput is the most the target gives.
/// Paced (a rate in requests/s over all workers): each worker sends on a fixed schedule, and a request that goes out
/// late because the previous answer came late counts its latency from the scheduled time, so a slow answer also
/// charges the requests it delayed; a worker that was idle counts from when its timer woke it, since that slop is the
/// client's own, and its later slots move with it (<see cref="AfterSleep"/>), so a paced run may send a little less
/// than its rate (the report shows what it sent). A response counts as an error unless it is 200 with the expected length.
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
    /// A paced worker that slept until its slot and woke at <paramref name="woke"/>: its request counts from the slot, or
    /// from when it woke if its own timer woke it late, and its schedule moves with that wake-up. Timer slop is the
    /// client's (up to about 20 ms under load here). Left on the old grid, a late wake-up made every following slot
    /// look late as well, and that was charged to the target as if its answers had been slow.
    /// </summary>
    internal static (long CountFrom, long NextSlot) AfterSleep(long slot, long every, long woke)
    {
        var countFrom = Math.Max(slot, woke);
        return (countFrom, countFrom + every);
    }

    private static async Task<(List<long> Latencies, long Errors)> WorkAsync(
        BenchConnection connection, byte[] request, List<long> latencies, long stopAt, long expectedLength,
        (long First, long Every)? schedule, CancellationToken cancellationToken)
    {
        long errors = 0;
        var next = schedule?.First ?? 0;
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
                    (start, next) = AfterSleep(next, every, Stopwatch.GetTimestamp());
                }
                else
                {
                    start = next;   // late because the previous answer was: that wait counts (no coordinated omission)
                    next += every;
                }
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
