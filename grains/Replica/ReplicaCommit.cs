using MockExams.Exams;

namespace MockExams.Grains.Replica;

/// <summary>
/// What one flush writes to the replica, in one transaction: the exam and bookings as HubSpot now holds them
/// (archived records become soft deletes) and the idempotency records of the requests it answers.
/// </summary>
public sealed record ReplicaCommit(
    ExamRecord? Exam, IReadOnlyList<BookingRecord> Bookings, IReadOnlyList<IdempotencyRecord> IdempotencyRecords,
    bool ArchiveExam = false)
{
    public static readonly ReplicaCommit Empty = new(null, [], []);

    public bool IsEmpty => Exam is null && Bookings is [] && IdempotencyRecords is [] && !ArchiveExam;

    /// <summary>Both commits together; for the same record the later version wins, as the replica would decide.</summary>
    public ReplicaCommit Then(ReplicaCommit later) => new(
        Newer(Exam, later.Exam),
        [.. Bookings.Concat(later.Bookings).GroupBy(b => b.HubSpotId, StringComparer.Ordinal)
            .Select(g => g.Aggregate((a, b) => b.LastModifiedAt >= a.LastModifiedAt ? b : a))],
        [.. IdempotencyRecords.Concat(later.IdempotencyRecords).DistinctBy(r => r.Key, StringComparer.Ordinal)],
        ArchiveExam || later.ArchiveExam);

    private static ExamRecord? Newer(ExamRecord? a, ExamRecord? b) =>
        a is null ? b : b is null ? a : b.LastModifiedAt >= a.LastModifiedAt ? b : a;
}
