using Microsoft.Extensions.Logging;
using MockExams.Grains.HubSpot;

namespace MockExams.Grains.Exams;

/// <summary>
/// One kind of HubSpot batch call (booking creates, booking updates) shared by every exam grain of the silo. Exams
/// submit their inputs; the lane gathers them while they keep arriving (or until a batch is full), takes budget and a
/// call slot, and only then takes up to <see cref="HubSpotClient.BatchSize"/> inputs, so a wait for
/// budget or for a free call slot makes the next batch bigger, never adds a call. Each submission gets back its own
/// results, in its input order, or the exception of the call that carried it. A submission is never split.
/// </summary>
/// <param name="send">Sends one batch (at most 100 inputs), its first call paid by the reservation.</param>
internal sealed partial class BatchLane<TInput, TResult>(
    string name,
    Func<HubSpotClient, IReadOnlyList<TInput>, HubSpotBudgetReservation, Task<IReadOnlyList<TResult>>> send,
    Func<HubSpotClient> client,
    ExamWriteOptions options,
    TimeProvider time,
    ILogger logger)
{
    private readonly Lock _lock = new();
    private readonly Queue<Submission> _pending = new();
    private readonly SemaphoreSlim _callSlots = new(options.HubSpotCallsInFlight);
    private TaskCompletionSource _full = NewSignal();
    private int _pendingInputs;
    private long _submitted;
    private bool _running;

    public Task<IReadOnlyList<TResult>> SubmitAsync(IReadOnlyList<TInput> inputs)
    {
        if (inputs.Count is 0 or > HubSpotClient.BatchSize)
        {
            throw new ArgumentOutOfRangeException(nameof(inputs), inputs.Count, $"A submission holds 1 to {HubSpotClient.BatchSize} inputs.");
        }

        var submission = new Submission(inputs, time.GetTimestamp());
        lock (_lock)
        {
            _pending.Enqueue(submission);
            _pendingInputs += inputs.Count;
            _submitted++;
            if (_pendingInputs >= HubSpotClient.BatchSize)
            {
                _full.TrySetResult();
            }

            if (!_running)
            {
                _running = true;
                // On the thread pool: the loop must not run on the scheduler of the grain that happened to start it.
                _ = Task.Run(RunAsync);
            }
        }

        return submission.Done.Task;
    }

    private async Task RunAsync()
    {
        while (true)
        {
            if (!await LingerAsync())
            {
                return;
            }

            // Both waits below let more inputs join the batch this loop is about to take.
            var lingered = time.GetTimestamp();
            await _callSlots.WaitAsync();
            var slotted = time.GetTimestamp();
            HubSpotBudgetReservation? reservation = null;
            Exception? refused = null;
            var hubSpot = client();
            try
            {
                reservation = await hubSpot.ReserveAsync(HubSpotLane.UserWrite, CancellationToken.None);
            }
            catch (Exception ex)
            {
                refused = ex;
            }

            var batch = TakeBatch();
            LogTaken(logger, name, batch.Sum(s => s.Inputs.Count), batch.Count,
                (long)time.GetElapsedTime(batch[0].QueuedAt).TotalMilliseconds,
                (long)time.GetElapsedTime(lingered, slotted).TotalMilliseconds, (long)time.GetElapsedTime(slotted).TotalMilliseconds);
            if (refused is not null)
            {
                _callSlots.Release();
                batch.ForEach(s => s.Done.TrySetException(refused));
                continue;
            }

            _ = SendAsync(hubSpot, batch, reservation!);
        }
    }

    /// <summary>
    /// Waits while submissions keep arriving (<see cref="ExamWriteOptions.HubSpotBatchLinger"/> without one ends it), at
    /// most <see cref="ExamWriteOptions.HubSpotBatchLingerMax"/> after the oldest arrived, and not once a batch is full.
    /// False when nothing is pending (the loop then ends).
    /// </summary>
    private async Task<bool> LingerAsync()
    {
        while (true)
        {
            Task full;
            TimeSpan wait;
            long seen;
            lock (_lock)
            {
                if (_pending.Count == 0)
                {
                    _running = false;
                    return false;
                }

                var left = options.HubSpotBatchLingerMax - time.GetElapsedTime(_pending.Peek().QueuedAt);
                (full, seen) = (_full.Task, _submitted);
                wait = left < options.HubSpotBatchLinger ? left : options.HubSpotBatchLinger;
            }

            if (wait <= TimeSpan.Zero || full.IsCompleted)
            {
                return true;
            }

            await Task.WhenAny(full, Task.Delay(wait, time));
            lock (_lock)
            {
                if (_submitted == seen)
                {
                    return true;   // quiet: waiting longer would not make the batch bigger
                }
            }
        }
    }

    private List<Submission> TakeBatch()
    {
        lock (_lock)
        {
            List<Submission> batch = [];
            var inputs = 0;
            while (_pending.TryPeek(out var next) && inputs + next.Inputs.Count <= HubSpotClient.BatchSize)
            {
                batch.Add(_pending.Dequeue());
                inputs += next.Inputs.Count;
            }

            _pendingInputs -= inputs;
            if (_full.Task.IsCompleted && _pendingInputs < HubSpotClient.BatchSize)
            {
                _full = NewSignal();
            }

            return batch;
        }
    }

    private async Task SendAsync(HubSpotClient hubSpot, List<Submission> batch, HubSpotBudgetReservation reservation)
    {
        var started = time.GetTimestamp();
        try
        {
            var results = await send(hubSpot, [.. batch.SelectMany(s => s.Inputs)], reservation);
            LogSent(logger, name, batch.Sum(s => s.Inputs.Count), (long)time.GetElapsedTime(started).TotalMilliseconds);
            var offset = 0;
            foreach (var submission in batch)
            {
                submission.Done.TrySetResult([.. results.Skip(offset).Take(submission.Inputs.Count)]);
                offset += submission.Inputs.Count;
            }
        }
        catch (Exception ex)
        {
            // Every exam of the call gets the failure and settles it as it would its own call's.
            batch.ForEach(s => s.Done.TrySetException(ex));
        }
        finally
        {
            _callSlots.Release();
        }
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Debug,
        Message = "Writer {Lane}: took {Inputs} inputs of {Submissions} submissions, the oldest queued {OldestMs} ms; waited {SlotMs} ms for a call slot and {BudgetMs} ms for budget")]
    private static partial void LogTaken(ILogger logger, string lane, int inputs, int submissions, long oldestMs, long slotMs, long budgetMs);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Debug, Message = "Writer {Lane}: {Inputs} inputs answered by HubSpot in {ElapsedMs} ms")]
    private static partial void LogSent(ILogger logger, string lane, int inputs, long elapsedMs);

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed record Submission(IReadOnlyList<TInput> Inputs, long QueuedAt)
    {
        public TaskCompletionSource<IReadOnlyList<TResult>> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
