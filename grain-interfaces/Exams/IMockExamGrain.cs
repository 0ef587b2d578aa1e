namespace MockExams.Exams;

/// <summary>The single writer of one mock exam and its bookings. Key: the exam's HubSpot record id.</summary>
[Alias("mockexams.IMockExamGrain")]
public interface IMockExamGrain : IGrainWithStringKey
{
    /// <summary>
    /// The exam as the api answers it (the seed's <c>{"success": true, "exam": {...}}</c> envelope), from the
    /// grain's in-memory copy, Redis, else the replica. Not found when the exam is absent or soft-deleted.
    /// <paramref name="heldCopy"/>: the <see cref="ExamRead.CopyId"/> of a body the caller holds; when it is still
    /// current the answer carries no body.
    /// </summary>
    Task<ExamRead> GetExamAsync(Guid? heldCopy = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// The exam's bookings as the api answers them (the seed's <c>{"success": true, "bookings": [...]}</c>),
    /// soft-deleted ones left out; otherwise as <see cref="GetExamAsync"/>.
    /// </summary>
    Task<ExamRead> GetBookingsAsync(BookingStatusFilter status, Guid? heldCopy = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Books a seat for a student. Decided in arrival order against the exam's seats and the student's active
    /// bookings; accepted bookings go to HubSpot in one batch with the others queued with them, then to the replica.
    /// </summary>
    Task<BookingOutcome> BookAsync(BookingRequest request, CancellationToken cancellationToken = default);

    /// <summary>Cancels one booking of this exam (its <c>booking_id</c> or HubSpot record id).</summary>
    Task<CancellationOutcome> CancelBookingAsync(string bookingId, CancellationToken cancellationToken = default);

    /// <summary>Cancels bookings of this exam in one HubSpot batch; one outcome per id, in order.</summary>
    Task<IReadOnlyList<CancellationOutcome>> CancelBookingsAsync(
        IReadOnlyList<string> bookingIds, CancellationToken cancellationToken = default);

    /// <summary>Changes the exam's own fields; a capacity below its active bookings is refused.</summary>
    Task<ExamWriteOutcome> UpdateAsync(ExamUpdate update, CancellationToken cancellationToken = default);

    /// <summary>Opens (true) or closes (false) the exam for booking.</summary>
    Task<ExamWriteOutcome> SetActiveAsync(bool isActive, CancellationToken cancellationToken = default);

    /// <summary>Archives the exam in HubSpot and soft-deletes it in the replica.</summary>
    Task<ExamWriteOutcome> ArchiveAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies records HubSpot already holds (incremental sync, webhooks, reconciliation) through the write queue:
    /// replica upsert under the never-older rule, archived records soft-deleted, cache keys deleted. Changes with no
    /// exam and no bookings are a "reload" signal: the replica changed under the grain (a backfill from another
    /// process), so the grain drops its in-memory state and copies and reads the exam again from the replica.
    /// </summary>
    Task ApplyRemoteChangesAsync(RemoteChanges changes, CancellationToken cancellationToken = default);

    /// <summary>Re-reads this exam and its bookings from HubSpot and makes the replica match (the seed's force sync).</summary>
    Task<ForceSyncOutcome> ForceSyncAsync(CancellationToken cancellationToken = default);
}
