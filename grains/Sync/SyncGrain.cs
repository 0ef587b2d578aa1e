using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MockExams.Grains.Replica;
using MockExams.Grains.Sync.Backfill;
using MockExams.Sync;
using Orleans.Concurrency;

namespace MockExams.Grains.Sync;

/// <summary>
/// The one sync grain of the cluster. A reminder (every minute, Orleans' shortest) re-activates it wherever it lives
/// after a silo dies; while active, grain timers drive incremental sync at its own cadence (30 s by default, below
/// the reminder minimum) and retry pending webhook events; a daily reminder reconciles.
/// </summary>
/// <remarks>
/// Reentrant: each job runs in the background with at most one of a kind at a time (the fields below, touched only on
/// the grain's scheduler), so status calls and webhook deliveries are answered while a long backfill or reconcile runs.
/// </remarks>
[Reentrant]
public sealed partial class SyncGrain(
    BackfillService backfill, IncrementalSync incremental, WebhookEventProcessor webhooks, Reconciler reconciler,
    RemoteChangeApplier applier, Grains.HubSpot.HubSpotClient hubSpot, SyncStateStore state, SyncReader reader,
    SyncRunStore runs, WebhookInbox inbox, SyncLeases leases, ReplicaQuarantine quarantine, IOptions<SyncOptions> options, TimeProvider time, ILogger<SyncGrain> logger)
    : Grain, ISyncGrain, IRemindable
{
    private const string KeepAliveReminder = "sync-keepalive";
    private const string ReconcileReminder = "sync-reconcile";

    private Task? _backfill;
    private Task<IncrementalSyncOutcome>? _incremental;
    private (long RunId, Task Task)? _reconcile;
    private Task<int>? _drain;
    private bool _drainAgain;

    private SyncOptions Options => options.Value;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Options.Enabled)
        {
            this.RegisterGrainTimer(OnIncrementalTimerAsync, new GrainTimerCreationOptions
            {
                DueTime = Options.IncrementalInterval,
                Period = Options.IncrementalInterval,
                KeepAlive = true,
                Interleave = true,
            });
            this.RegisterGrainTimer(OnWebhookTimerAsync, new GrainTimerCreationOptions
            {
                DueTime = TimeSpan.FromSeconds(Options.WebhookRetrySeconds),
                Period = TimeSpan.FromSeconds(Options.WebhookRetrySeconds),
                KeepAlive = true,
                Interleave = true,
            });
        }
        return Task.CompletedTask;
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (!Options.Enabled)
        {
            return;
        }

        // Registering resets a reminder's due time, so only when absent: a silo restart must not postpone the reconcile.
        if (await this.GetReminder(KeepAliveReminder) is null)
        {
            await this.RegisterOrUpdateReminder(KeepAliveReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        }
        if (await this.GetReminder(ReconcileReminder) is null)
        {
            var period = TimeSpan.FromHours(Options.ReconcileHours);
            await this.RegisterOrUpdateReminder(ReconcileReminder, period, period);
        }
        await StartBackfillIfDueAsync(cancellationToken);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!Options.Enabled)
        {
            return;
        }

        if (reminderName == ReconcileReminder)
        {
            await StartReconcileAsync(repair: true);
            await PruneWebhookEventsAsync();
        }
        else
        {
            await StartBackfillIfDueAsync(CancellationToken.None);
            await RefreshExamGrainsAfterBackfillAsync(CancellationToken.None);
        }
    }

    public async Task<bool> StartBackfillAsync(CancellationToken cancellationToken = default)
    {
        if (_backfill is { IsCompleted: false })
        {
            return false;
        }
        // The copy runs off the grain's scheduler (CPU and I/O heavy, calls no grain); the exam grains are refreshed here.
        _backfill = RunBackfillThenRefreshAsync();
        await Task.Yield();
        return true;
    }

    // An empty replica (no backfill ever finished) or an interrupted backfill: (re)start it.
    private async Task StartBackfillIfDueAsync(CancellationToken cancellationToken)
    {
        if (!Options.AutoBackfill || _backfill is { IsCompleted: false })
        {
            return;
        }
        var rows = await state.ReadAsync(cancellationToken);
        if (SyncObjectTypes.All.Any(t => !rows.TryGetValue(t, out var row) || row.LastBackfillAt is null || row.BackfillUnfinished))
        {
            await StartBackfillAsync(cancellationToken);
        }
    }

    private async Task RunBackfillThenRefreshAsync()
    {
        try
        {
            var summary = await Task.Run(() => backfill.RunAsync(null, CancellationToken.None));
            if (!summary.Completed)
            {
                LogBackfillBusy(logger, summary.Holder);
                return;
            }
            await RefreshExamGrainsAfterBackfillAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The checkpoint holds; the keep-alive reminder resumes it within a minute.
            LogJobFailed(logger, "backfill", ex);
        }
    }

    private async Task PruneWebhookEventsAsync()
    {
        var pruned = await inbox.PruneAsync(time.GetUtcNow() - TimeSpan.FromDays(Options.WebhookRetentionDays), CancellationToken.None);
        LogPruned(logger, pruned);
    }
}
