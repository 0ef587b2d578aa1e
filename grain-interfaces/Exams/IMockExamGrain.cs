namespace MockExams.Exams;

/// <summary>The single writer of one mock exam and its bookings. Key: the exam's HubSpot record id.</summary>
[Alias("mockexams.IMockExamGrain")]
public interface IMockExamGrain : IGrainWithStringKey
{
    /// <summary>
    /// The exam as the api answers it (the seed's <c>{"success": true, "exam": {...}}</c> envelope),
    /// from Redis, else the replica. Null when the exam is absent or soft-deleted.
    /// </summary>
    Task<JsonBody?> GetExamAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The exam's bookings as the api answers them (the seed's <c>{"success": true, "bookings": [...]}</c>),
    /// soft-deleted ones left out, from Redis, else the replica. Null when the exam is absent or soft-deleted.
    /// </summary>
    Task<JsonBody?> GetBookingsAsync(BookingStatusFilter status, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies records HubSpot already holds (incremental sync, webhooks, reconciliation) through the write queue:
    /// replica upsert under the never-older rule, archived records soft-deleted, cache keys deleted.
    /// </summary>
    Task ApplyRemoteChangesAsync(RemoteChanges changes, CancellationToken cancellationToken = default);

    /// <summary>Re-reads this exam and its bookings from HubSpot and makes the replica match (the seed's force sync).</summary>
    Task<ForceSyncOutcome> ForceSyncAsync(CancellationToken cancellationToken = default);
}
