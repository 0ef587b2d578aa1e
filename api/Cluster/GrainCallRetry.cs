using Microsoft.Extensions.Options;

namespace MockExams.Api.Cluster;

/// <summary>
/// Sends a write to its exam grain again, unchanged, while the cluster takes over a dead silo's exams. Only for calls
/// whose repeat cannot do the write twice: a booking carries an Idempotency-Key (the client's, or one the api made for
/// this request), which the grain joins while the first attempt is queued or in flight and answers from its record
/// afterwards; a cancel of a cancelled booking changes nothing.
/// </summary>
/// <remarks>
/// <para>
/// An attempt ends when it is answered, when it was not answered within <see cref="FailoverOptions.AttemptTimeout"/>
/// (its message may be inside a dead silo: Orleans itself would wait 30 s), when a silo's gateway drops
/// (<see cref="SiloLossSignal"/>), or when the cluster refuses it (its silo is gone, no gateway): then the same call
/// is sent again, after a short pause when refused. The attempt given up is only stopped being waited for: a grain that
/// is merely slow still makes the write, and the next attempt joins it.
/// </para>
/// <para>
/// When to stop: a caller that may repeat the request itself (<c>clientMayRepeat</c>: a booking with the client's key,
/// a cancel) is told 503 + Retry-After after <see cref="FailoverOptions.RetryDeadline"/>. A booking with a key the api
/// made cannot be repeated by its client without booking twice, so it is answered only from the grain's answer (which
/// the grain also gives any attempt that arrives later), or 503 when every attempt was refused before reaching a grain;
/// if no answer comes within <see cref="FailoverOptions.UnansweredDeadline"/> while an attempt may have arrived, the
/// outcome is unknown (<see cref="GrainCallUnansweredException"/>, a 504), never a 503 that a late attempt could
/// contradict.
/// </para>
/// </remarks>
public sealed class GrainCallRetry(IOptions<FailoverOptions> options, SiloLossSignal silos, TimeProvider time)
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(1);

    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, bool clientMayRepeat, CancellationToken aborted)
    {
        var settings = options.Value;
        var started = time.GetTimestamp();
        var pause = FirstPause;
        var mayHaveArrived = false;
        while (true)
        {
            var lost = silos.Current;
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(aborted, lost);
            attempt.CancelAfter(settings.AttemptTimeout);
            Exception failure;
            try
            {
                return await call(attempt.Token);
            }
            catch (OperationCanceledException ex) when (!aborted.IsCancellationRequested)
            {
                // Not answered in time, or a gateway dropped meanwhile: it may be running, or lost with a silo.
                mayHaveArrived = true;
                failure = new TimeoutException(lost.IsCancellationRequested
                    ? "A silo left the cluster while the write was in flight; it may or may not have been done."
                    : $"The write was not answered within {settings.AttemptTimeout.TotalSeconds:0.#} s; it may or may not have been done.", ex);
            }
            catch (Exception ex) when (ex is SiloUnavailableException or OrleansMessageRejectionException)
            {
                // A rejection never reached a grain; a silo that became unavailable may have run it before it died.
                mayHaveArrived |= ex is SiloUnavailableException;
                failure = ex;
            }

            // A 503 is safe when the client may repeat the request, or when no attempt reached a grain.
            var mayTell503 = clientMayRepeat || !mayHaveArrived;
            var elapsed = time.GetElapsedTime(started);
            if (elapsed + pause >= (mayTell503 ? settings.RetryDeadline : settings.UnansweredDeadline))
            {
                // The exception handlers answer 503 + Retry-After (TimeoutException, the cluster's own exceptions).
                throw mayTell503 ? failure : new GrainCallUnansweredException(elapsed, failure);
            }

            if (failure is not TimeoutException || lost.IsCancellationRequested)
            {
                // Refused, or a silo just left: the survivors need a moment to take its exams over.
                await Task.Delay(pause, time, aborted);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
            }
        }
    }
}

/// <summary>No attempt of a write whose client cannot repeat it safely was answered in time, and one may have arrived.</summary>
public sealed class GrainCallUnansweredException(TimeSpan waited, Exception last)
    : Exception($"No answer from the cluster within {waited.TotalSeconds:0.#} s; the write may or may not have been done.", last);
