using Microsoft.Extensions.Options;
using MockExams.Grains.HubSpot;

namespace MockExams.Grains.Exams;

/// <summary>
/// An exam's one FIFO of writes and the flag that says a flush loop is draining it. The loop is the grain's
/// (<c>MockExamGrain.Queue.cs</c>); this decides what it runs next: system work alone, or user writes in arrival order,
/// up to one HubSpot batch, taken once arrivals pause (<see cref="LingerAsync"/>). Touched only on the activation's
/// scheduler, so it needs no locks.
/// </summary>
internal sealed class ExamWriteQueue(IOptions<ExamWriteOptions> options, TimeProvider time)
{
    private readonly Queue<QueuedWrite> _queue = new();
    private bool _flushing;

    /// <summary>
    /// Queues a write at the back. True when no loop is draining the queue: the caller starts one now, and none other
    /// starts until it has called <see cref="LoopEnded"/>.
    /// </summary>
    public bool Add(QueuedWrite write)
    {
        _queue.Enqueue(write);
        if (_flushing)
        {
            return false;
        }

        _flushing = true;
        return true;
    }

    /// <summary>The loop is over (the queue ran empty, or the loop failed): the next write starts another.</summary>
    public void LoopEnded() => _flushing = false;

    /// <summary>
    /// What the loop runs next, taken out of the queue: system work alone, or user writes in arrival order, up to one
    /// HubSpot batch, once arrivals pause; null when the queue is empty.
    /// </summary>
    /// <param name="seats">The admission state for the linger's heuristic; null when the replica cannot be read.</param>
    public async Task<List<QueuedWrite>?> NextAsync(Func<Task<ExamAdmission?>> seats)
    {
        if (!_queue.TryPeek(out var next))
        {
            return null;
        }

        if (next.System is not null)
        {
            return [_queue.Dequeue()];
        }

        await LingerAsync(seats);
        List<QueuedWrite> batch = [];
        while (batch.Count < HubSpotClient.BatchSize && _queue.TryPeek(out var write) && write.Command is not null)
        {
            batch.Add(_queue.Dequeue());
        }

        return batch;
    }

    /// <summary>
    /// Waits while writes keep arriving (see <see cref="ExamWriteOptions.Linger"/>), but not once waiting cannot make the
    /// HubSpot batch any better: a full batch, or bookings that already claim every seat left. HubSpot's budget, not
    /// latency, is the scarce resource in a rush (and while a flush waits on the silo's shared batch writer, the next
    /// one keeps filling).
    /// </summary>
    private async Task LingerAsync(Func<Task<ExamAdmission?>> seats)
    {
        var (quiet, max) = (options.Value.Linger, options.Value.LingerMax);
        if (quiet <= TimeSpan.Zero)
        {
            return;
        }

        var started = time.GetTimestamp();
        var seen = _queue.Count;
        while (_queue.Count < HubSpotClient.BatchSize && time.GetElapsedTime(started) < max
               && !await QueuedBookingsClaimEverySeatAsync(seats))
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
    private async Task<bool> QueuedBookingsClaimEverySeatAsync(Func<Task<ExamAdmission?>> loadSeats)
    {
        if (await loadSeats() is not { } seats)
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

        return !seats.OpenForBooking(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)) || bookings >= seats.SeatsLeft;
    }

    /// <summary>The user writes the next flush will take, in order (system work is flushed alone).</summary>
    private IEnumerable<QueuedWrite> NextFlush() => _queue.TakeWhile(w => w.Command is not null).Take(HubSpotClient.BatchSize);
}
