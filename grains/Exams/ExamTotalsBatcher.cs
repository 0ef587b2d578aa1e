using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MockExams.Grains.HubSpot;

namespace MockExams.Grains.Exams;

/// <summary>
/// Sends the exams' coalesced <c>total_bookings</c> to HubSpot for every exam grain of this silo, many exams per
/// batch/update: the exams of one rush come due together, and one call carries them all. An exam grain awaits its push
/// as it would its own call, and keeps the total owed (and retries) if the push fails. Silo singleton.
/// </summary>
public sealed class ExamTotalsBatcher(IServiceProvider services, IOptions<ExamWriteOptions> options, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, PendingTotal> _pending = new(StringComparer.Ordinal);
    private bool _flushing;

    /// <summary>
    /// Completes once HubSpot holds the total, with the exam as HubSpot now holds it (null when HubSpot has no such exam);
    /// fails as the HubSpot call failed.
    /// </summary>
    public Task<HubSpotExam?> PushAsync(string examId, int totalBookings)
    {
        lock (_lock)
        {
            // A later total of the same exam replaces the earlier one (HubSpot refuses an id twice in one batch).
            var done = _pending.TryGetValue(examId, out var earlier)
                ? earlier.Done
                : new TaskCompletionSource<HubSpotExam?>(TaskCreationOptions.RunContinuationsAsynchronously);
            _pending[examId] = new PendingTotal(totalBookings, done);
            if (!_flushing)
            {
                _flushing = true;
                // On the thread pool: the loop must not run on the scheduler of the grain that happened to start it.
                _ = Task.Run(FlushLoopAsync);
            }

            return done.Task;
        }
    }

    private async Task FlushLoopAsync()
    {
        while (true)
        {
            await Task.Delay(options.Value.TotalBookingsBatchWindow, time);
            List<KeyValuePair<string, PendingTotal>> batch;
            lock (_lock)
            {
                if (_pending.Count == 0)
                {
                    _flushing = false;
                    return;
                }

                batch = [.. _pending.Take(HubSpotClient.BatchSize)];
                foreach (var (examId, _) in batch)
                {
                    _pending.Remove(examId);
                }
            }

            try
            {
                // A typed client per batch: its HttpClient comes from the factory's pool, never held by this singleton.
                var hubSpot = services.GetRequiredService<HubSpotClient>();
                var updated = await hubSpot.UpdateExamTotalsAsync(
                    [.. batch.Select(p => (p.Key, p.Value.TotalBookings))], HubSpotLane.UserWrite, CancellationToken.None);
                batch.ForEach(p => p.Value.Done.TrySetResult(updated.GetValueOrDefault(p.Key)));
            }
            catch (Exception ex)
            {
                // Not swallowed: every exam grain of the batch gets the failure and keeps its total owed.
                batch.ForEach(p => p.Value.Done.TrySetException(ex));
            }
        }
    }

    private sealed record PendingTotal(int TotalBookings, TaskCompletionSource<HubSpotExam?> Done);
}
