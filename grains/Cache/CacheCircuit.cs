using Microsoft.Extensions.Options;

namespace MockExams.Grains.Cache;

/// <summary>
/// Stops reads from trying Redis for a while after it failed several times in a row, so an outage costs each
/// read one replica query instead of a Redis timeout first. After the break, one read at a time probes Redis;
/// a success closes the circuit.
/// </summary>
/// <remarks>
/// Hand-written rather than a Polly pipeline: a fill's SET must be issued in the caller's own turn (a later
/// invalidation's DEL must reach Redis after it), and this keeps that ordering visible in
/// <see cref="ExamCache"/> instead of depending on how a pipeline schedules its callback.
/// </remarks>
public sealed class CacheCircuit(IOptions<CacheOptions> options, TimeProvider time)
{
    private readonly int _breakAfter = options.Value.CircuitBreakAfterFailures;
    private readonly TimeSpan _breakFor = TimeSpan.FromSeconds(options.Value.CircuitBreakSeconds);
    private int _consecutiveFailures;
    private long _openUntil;   // TimeProvider timestamp; 0 while closed
    private int _probing;      // 1 while the one probe of a half-open circuit is out

    public bool IsOpen => Volatile.Read(ref _openUntil) != 0;

    /// <summary>True when a Redis command may be sent now; false while open (or while another read probes).</summary>
    public bool AllowsAttempt()
    {
        var openUntil = Volatile.Read(ref _openUntil);
        if (openUntil == 0)
        {
            return true;
        }

        return time.GetTimestamp() >= openUntil && Interlocked.CompareExchange(ref _probing, 1, 0) == 0;
    }

    /// <summary>Resets the failure count; returns true when this success closed an open circuit.</summary>
    public bool Succeeded()
    {
        if (Volatile.Read(ref _consecutiveFailures) == 0 && Volatile.Read(ref _openUntil) == 0)
        {
            return false;
        }

        Volatile.Write(ref _consecutiveFailures, 0);
        var wasOpen = Interlocked.Exchange(ref _openUntil, 0) != 0;
        Volatile.Write(ref _probing, 0);
        return wasOpen;
    }

    /// <summary>Counts a failure; returns true when this one opened (or re-opened) the circuit.</summary>
    public bool Failed()
    {
        if (Interlocked.Increment(ref _consecutiveFailures) < _breakAfter)
        {
            return false;
        }

        var breakTicks = (long)(_breakFor.TotalSeconds * time.TimestampFrequency);
        Volatile.Write(ref _openUntil, time.GetTimestamp() + breakTicks);
        Volatile.Write(ref _probing, 0);
        return true;
    }
}
