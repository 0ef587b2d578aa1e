using System.Data.Common;

namespace MockExams.Grains.Exams;

/// <summary>
/// The flush loop: one at a time, it runs what the write queue (<see cref="ExamWriteQueue"/>) hands it next. System
/// work (settle, remote changes, force sync) runs alone, in its place in the queue; user writes run as one flush.
/// Runs on the grain's scheduler, so it never races the turns that enqueue; no caller's CancellationToken reaches it,
/// because the batch belongs to all its callers.
/// </summary>
public sealed partial class MockExamGrain
{
    private Task<WriteResult> Enqueue(QueuedWrite write)
    {
        if (_writes.Add(write))
        {
            _ = RunFlushLoopAsync();
        }

        return write.Done.Task;
    }

    private async Task RunFlushLoopAsync()
    {
        try
        {
            while (await _writes.NextAsync(SeatsAsync) is { } writes)
            {
                if (writes is [{ System: not null } system])
                {
                    await RunGuardedAsync(writes, () => RunSystemAsync(system));
                    continue;
                }

                await RunGuardedAsync(writes, () => FlushAsync(writes));
            }
        }
        finally
        {
            _writes.LoopEnded();
        }
    }

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
