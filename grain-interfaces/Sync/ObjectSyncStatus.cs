namespace MockExams.Sync;

/// <summary>Sync state of one object type (<see cref="SyncObjectTypes"/>).</summary>
/// <param name="BackfillUnfinished">A backfill started and has not finished (running, or interrupted and resumable).</param>
/// <param name="BackfillWritten">Records the current (or last) backfill wrote.</param>
/// <param name="BackfillTotal">How many records HubSpot reported when that backfill started, when known.</param>
/// <param name="Watermark">Highest HubSpot last-modified time incremental sync has applied; the next search starts before it.</param>
/// <param name="LagSeconds">
/// Upper bound on how old an unapplied HubSpot change can be: now minus the start of the last successful incremental
/// sync, plus the overlap it allows for search lag. Null before the first incremental sync.
/// </param>
/// <param name="LastReconcileDrift">Drift the last reconciliation found; null before the first.</param>
/// <param name="Rows">Replica rows, soft-deleted ones included.</param>
/// <param name="LiveRows">Replica rows that are not soft-deleted.</param>
/// <param name="PropagationP50Seconds">
/// Median of <c>synced_at − hs_last_modified_at</c> over rows modified in HubSpot in the last hour: how long changes
/// take to reach the replica. Null when none changed.
/// </param>
/// <param name="PropagationMaxSeconds">The largest such delay over the same rows.</param>
[GenerateSerializer, Immutable, Alias("mockexams.ObjectSyncStatus")]
public sealed record ObjectSyncStatus(
    [property: Id(0)] string ObjectType,
    [property: Id(1)] DateTimeOffset? LastBackfillAt,
    [property: Id(2)] bool BackfillUnfinished,
    [property: Id(3)] long BackfillWritten,
    [property: Id(4)] long? BackfillTotal,
    [property: Id(5)] DateTimeOffset? LastIncrementalAt,
    [property: Id(6)] DateTimeOffset? Watermark,
    [property: Id(7)] double? LagSeconds,
    [property: Id(8)] DateTimeOffset? LastReconcileAt,
    [property: Id(9)] DriftCounts? LastReconcileDrift,
    [property: Id(10)] long Rows,
    [property: Id(11)] long LiveRows,
    [property: Id(12)] double? PropagationP50Seconds,
    [property: Id(13)] double? PropagationMaxSeconds);
