namespace MockExams.Sync;

/// <summary>
/// The replica sync engine, one per cluster (key <see cref="SingletonKey"/>): backfill, incremental sync,
/// webhook follow-up, reconciliation and their status. Reminders keep it running; it changes exams only
/// through the exam grains, except the backfill, which bulk-writes under the never-older rule.
/// </summary>
[Alias("mockexams.ISyncGrain")]
public interface ISyncGrain : IGrainWithStringKey
{
    /// <summary>The key of the one sync grain.</summary>
    const string SingletonKey = "replica";

    /// <summary>
    /// Registers the reminders that keep sync running and, when no backfill has ever finished (an empty
    /// replica) or one was interrupted, starts or resumes it in the background. Idempotent; every silo calls it at start.
    /// </summary>
    Task StartAsync(CancellationToken cancellationToken = default);

    /// <summary>Where sync stands per object type, and the webhook inbox.</summary>
    Task<SyncStatus> GetStatusAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The seed's force sync of every exam: lists every exam in HubSpot and applies each through its exam grain.
    /// Returns how many exams were synced.
    /// </summary>
    Task<int> ForceSyncExamsAsync(CancellationToken cancellationToken = default);

    /// <summary>Starts (or resumes) a backfill in the background unless one is running; answers whether this call started it.</summary>
    Task<bool> StartBackfillAsync(CancellationToken cancellationToken = default);

    /// <summary>Runs one incremental sync now (it also runs on its own timer) and answers what it applied.</summary>
    Task<IncrementalSyncOutcome> SyncNowAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts a reconciliation in the background (or joins the one running) and answers its run id
    /// (<see cref="GetRunAsync"/>). With <paramref name="repair"/>, drift is repaired through the exam grains.
    /// </summary>
    Task<long> StartReconcileAsync(bool repair, CancellationToken cancellationToken = default);

    /// <summary>One recorded run (backfill, incremental, reconcile); null when unknown.</summary>
    Task<SyncRun?> GetRunAsync(long runId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores verified HubSpot webhook events in the inbox (each once, however often HubSpot delivers it) and
    /// schedules their processing; answers how many were new. Returns as soon as they are stored.
    /// </summary>
    Task<int> ReceiveWebhookEventsAsync(IReadOnlyList<WebhookEvent> events, CancellationToken cancellationToken = default);

    /// <summary>Applies every pending webhook event now and answers how many were applied.</summary>
    Task<int> DrainWebhookEventsAsync(CancellationToken cancellationToken = default);
}
