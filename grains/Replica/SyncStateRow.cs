namespace MockExams.Grains.Replica;

/// <summary>One row of <c>sync_state</c>: where sync of one object type stands.</summary>
public sealed record SyncStateRow(
    string ObjectType,
    DateTimeOffset? Watermark,
    DateTimeOffset? LastIncrementalAt,
    DateTimeOffset? LastBackfillAt,
    string? BackfillCursor,
    DateTimeOffset? BackfillStartedAt,
    long BackfillWritten,
    long? BackfillTotal,
    DateTimeOffset? LastReconcileAt)
{
    /// <summary>A backfill started and has not finished: it is running, or was interrupted and resumes from its cursor.</summary>
    public bool BackfillUnfinished => BackfillCursor is not null;
}
