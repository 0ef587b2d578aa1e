using System.Text.Json;
using MockExams.Grains.Exams;
using MockExams.Grains.HubSpot;
using MockExams.Grains.Replica;
using MockExams.Sync;

namespace MockExams.Grains.Sync;

public sealed partial class SyncGrain
{
    public async Task<IncrementalSyncOutcome> SyncNowAsync(CancellationToken cancellationToken = default)
    {
        if (_incremental is { IsCompleted: false } running)
        {
            await running.ContinueWith(_ => { }, TaskScheduler.Current);
        }
        _incremental = RunIncrementalAsync();
        return await _incremental;
    }

    private async Task OnIncrementalTimerAsync(CancellationToken cancellationToken)
    {
        if (_incremental is { IsCompleted: false })
        {
            return;
        }
        _incremental = RunIncrementalAsync();
        try
        {
            await _incremental;
        }
        catch (Exception ex)
        {
            // Logged and recorded; the next tick starts again from the same watermark.
            LogJobFailed(logger, "incremental sync", ex);
        }
    }

    private async Task<IncrementalSyncOutcome> RunIncrementalAsync()
    {
        var startedAt = time.GetUtcNow();
        try
        {
            var outcome = await incremental.RunAsync(CancellationToken.None);
            if (outcome.Fetched > 0)
            {
                await runs.RecordAsync(SyncRunKinds.Incremental, null, startedAt, SyncRunStore.Succeeded,
                    JsonSerializer.Serialize(new { fetched = outcome.Fetched, applied = outcome.Applied }), null, CancellationToken.None);
            }
            return outcome;
        }
        catch (Exception ex)
        {
            await runs.RecordAsync(SyncRunKinds.Incremental, null, startedAt, SyncRunStore.Failed, "{}",
                $"{ex.GetType().Name}: {ex.Message}", CancellationToken.None);
            throw;
        }
    }

    public async Task<int> ReceiveWebhookEventsAsync(IReadOnlyList<WebhookEvent> events, CancellationToken cancellationToken = default)
    {
        var added = await inbox.AddAsync(events, cancellationToken);
        if (added > 0 && Options.Enabled)
        {
            RequestDrain();
        }
        return added;
    }

    public async Task<int> DrainWebhookEventsAsync(CancellationToken cancellationToken = default)
    {
        if (_drain is { IsCompleted: false } running)
        {
            await running.ContinueWith(_ => { }, TaskScheduler.Current);
        }
        _drain = webhooks.DrainAsync(cancellationToken);
        return await _drain;
    }

    private Task OnWebhookTimerAsync(CancellationToken cancellationToken)
    {
        RequestDrain();
        return Task.CompletedTask;
    }

    // One drain at a time; events stored while one runs make it go round once more.
    private void RequestDrain()
    {
        if (_drain is { IsCompleted: false })
        {
            _drainAgain = true;
            return;
        }
        _drain = DrainLoopAsync();
    }

    private async Task<int> DrainLoopAsync()
    {
        var applied = 0;
        do
        {
            _drainAgain = false;
            try
            {
                applied += await webhooks.DrainAsync(CancellationToken.None);
            }
            catch (Exception ex)
            {
                LogJobFailed(logger, "webhook follow-up", ex);
                return applied;
            }
        }
        while (_drainAgain);
        return applied;
    }

    public async Task<int> ForceSyncExamsAsync(CancellationToken cancellationToken = default)
    {
        var synced = 0;
        string? after = null;
        do
        {
            var page = await hubSpot.ListExamsPageAsync(after, HubSpotLane.Sync, cancellationToken: cancellationToken);
            var result = await applier.ApplyAsync([.. page.Items.Select(e => e.ToRecord())], [], cancellationToken);
            synced += result.Exams;
            after = page.Next;
        }
        while (after is not null);
        return synced;
    }

    public async Task<long> StartReconcileAsync(bool repair, CancellationToken cancellationToken = default)
    {
        if (_reconcile is { Task.IsCompleted: false } running)
        {
            return running.RunId;
        }
        await runs.AbandonRunningAsync(SyncRunKinds.Reconcile, cancellationToken);
        var runId = await runs.StartAsync(SyncRunKinds.Reconcile, null, cancellationToken);
        _reconcile = (runId, RunReconcileAsync(runId, repair));
        return runId;
    }

    public Task<SyncRun?> GetRunAsync(long runId, CancellationToken cancellationToken = default) =>
        runs.GetAsync(runId, cancellationToken);

    private async Task RunReconcileAsync(long runId, bool repair)
    {
        // Let the caller have its run id before the sweep starts.
        await Task.Yield();
        try
        {
            var exams = await reconciler.ReconcileExamsAsync(repair, CancellationToken.None);
            var bookings = await reconciler.ReconcileBookingsAsync(repair, CancellationToken.None);
            var at = time.GetUtcNow();
            await state.RecordReconcileAsync(SyncObjectTypes.Exams, at, CancellationToken.None);
            await state.RecordReconcileAsync(SyncObjectTypes.Bookings, at, CancellationToken.None);
            await runs.FinishAsync(runId, SyncRunStore.Succeeded, ReconcileReport.Counts(repair, exams, bookings),
                ReconcileReport.Details(exams, bookings), null, CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogJobFailed(logger, "reconcile", ex);
            await runs.FinishAsync(runId, SyncRunStore.Failed, "{}", "{}", $"{ex.GetType().Name}: {ex.Message}", CancellationToken.None);
        }
    }
}
