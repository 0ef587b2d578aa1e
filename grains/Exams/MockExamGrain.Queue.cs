using System.Data.Common;
using MockExams.Exams;
using MockExams.Grains.HubSpot;

namespace MockExams.Grains.Exams;

public sealed partial class MockExamGrain
{
    private readonly Queue<QueuedWrite> _queue = new();
    private bool _flushing;

    private Task<WriteResult> Enqueue(QueuedWrite write)
    {
        _queue.Enqueue(write);
        if (!_flushing)
        {
            _flushing = true;
            _ = RunFlushLoopAsync();
        }

        return write.Done.Task;
    }

    /// <summary>
    /// One loop at a time. User writes are taken in arrival order, up to one HubSpot batch, and flushed together once
    /// arrivals pause (<see cref="LingerAsync"/>): HubSpot's budget, not latency, is the scarce resource in a rush (and
    /// while a flush waits on the silo's shared batch writer, the next one keeps filling);
    /// system work (settle, remote changes, force sync) runs alone, in its place in the queue. Runs on the grain's
    /// scheduler, so it never races the turns that enqueue; no caller's CancellationToken reaches it, because the
    /// batch belongs to all its callers.
    /// </summary>
    private async Task RunFlushLoopAsync()
    {
        try
        {
            while (_queue.TryPeek(out var next))
            {
                if (next.System is null)
                {
                    await LingerAsync();
                }

                if (next.System is not null)
                {
                    _queue.Dequeue();
                    await RunGuardedAsync([next], () => RunSystemAsync(next));
                    continue;
                }

                List<QueuedWrite> batch = [];
                while (batch.Count < HubSpotClient.BatchSize && _queue.TryPeek(out var write) && write.Command is not null)
                {
                    batch.Add(_queue.Dequeue());
                }

                await RunGuardedAsync(batch, () => FlushAsync(batch));
            }
        }
        finally
        {
            _flushing = false;
        }
    }

    /// <summary>
    /// Waits while writes keep arriving (see <see cref="ExamWriteOptions.Linger"/>), but not once waiting cannot make the
    /// HubSpot batch any better: a full batch, or bookings that already claim every seat left.
    /// </summary>
    private async Task LingerAsync()
    {
        var (quiet, max) = (options.Value.Linger, options.Value.LingerMax);
        if (quiet <= TimeSpan.Zero)
        {
            return;
        }

        var started = time.GetTimestamp();
        var seen = _queue.Count;
        while (_queue.Count < HubSpotClient.BatchSize && time.GetElapsedTime(started) < max
               && !await QueuedBookingsClaimEverySeatAsync())
        {
            await Task.Delay(quiet, time);
            if (_queue.Count == seen)
            {
                return;
            }

            seen = _queue.Count;
        }
    }

    /// <summary>
    /// The next flush holds only bookings, at least as many as the seats left (none at all when the exam takes no
    /// booking): whatever arrives later can only be refused, which costs no HubSpot call, so it need not be waited for.
    /// </summary>
    private async Task<bool> QueuedBookingsClaimEverySeatAsync()
    {
        if (await SeatsAsync() is not { } seats)
        {
            return false;
        }

        var bookings = 0;
        foreach (var write in NextFlush())
        {
            if (write.Command is not BookCommand)
            {
                return false;   // a cancel or an exam change may open seats
            }

            bookings++;
        }

        return !seats.OpenForBooking(Today) || bookings >= seats.SeatsLeft;
    }

    /// <summary>The user writes the next flush will take, in order (system work is flushed alone).</summary>
    private IEnumerable<QueuedWrite> NextFlush() => _queue.TakeWhile(w => w.Command is not null).Take(HubSpotClient.BatchSize);

    /// <summary>The admission state for the queue's heuristics; null when the replica cannot be read (the flush reports that).</summary>
    private async Task<ExamAdmission?> SeatsAsync()
    {
        try
        {
            return await LoadAdmissionAsync();
        }
        catch (Exception ex) when (ex is DbException or TimeoutException)
        {
            return null;
        }
    }

    /// <summary>Whatever goes wrong, every write of the batch gets an answer and the loop goes on.</summary>
    private async Task RunGuardedAsync(IReadOnlyList<QueuedWrite> batch, Func<Task> run)
    {
        try
        {
            await run();
        }
        catch (Exception ex)
        {
            LogFlushFailed(logger, ExamId, ex);
            _admission = null;   // reloaded from the replica (and the journal) before the next decision
            // HubSpot's exception types live in the grains assembly, which callers such as the api do not load.
            var answer = ex is HubSpot.HubSpotException ? new InvalidOperationException($"HubSpot: {ex.Message}") : ex;
            foreach (var write in batch)
            {
                write.Fail(answer);
            }

            if (batch.Any(w => w.System is SettleWork))
            {
                ScheduleSettle(options.Value.SettleRetry);   // what was owed is still owed
            }
        }
    }

}
