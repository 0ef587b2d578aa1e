namespace MockExams.Sync;

/// <summary>One row of <c>sync_runs</c>: a backfill, incremental sync or reconciliation.</summary>
/// <param name="Kind"><see cref="SyncRunKinds"/>.</param>
/// <param name="Status"><c>running</c>, <c>succeeded</c> or <c>failed</c>.</param>
/// <param name="Counts">The run's counters as a JSON object.</param>
/// <param name="Details">The run's details as a JSON object (for a reconcile: the drifted ids, bounded).</param>
[GenerateSerializer, Immutable, Alias("mockexams.SyncRun")]
public sealed record SyncRun(
    [property: Id(0)] long Id,
    [property: Id(1)] string Kind,
    [property: Id(2)] string? ObjectType,
    [property: Id(3)] DateTimeOffset StartedAt,
    [property: Id(4)] DateTimeOffset? FinishedAt,
    [property: Id(5)] string Status,
    [property: Id(6)] string Counts,
    [property: Id(7)] string Details,
    [property: Id(8)] string? Error);
