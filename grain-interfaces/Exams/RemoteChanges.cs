namespace MockExams.Exams;

/// <summary>
/// Records of one exam that changed in HubSpot itself (staff edits, workflows, imports), found by incremental
/// sync, webhooks or reconciliation. The exam grain applies them through its write queue, so they never race
/// its own writes. Archived records carry <c>Archived = true</c> and become soft deletes.
/// </summary>
[GenerateSerializer, Immutable, Alias("mockexams.RemoteChanges")]
public sealed record RemoteChanges(
    [property: Id(0)] ExamRecord? Exam,
    [property: Id(1)] IReadOnlyList<BookingRecord> Bookings);
