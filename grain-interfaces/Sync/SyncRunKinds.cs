namespace MockExams.Sync;

/// <summary>Values of <c>sync_runs.kind</c>.</summary>
public static class SyncRunKinds
{
    public const string Backfill = "backfill";
    public const string Incremental = "incremental";
    public const string Reconcile = "reconcile";
    public const string Webhooks = "webhooks";
}
