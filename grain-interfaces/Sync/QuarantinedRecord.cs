namespace MockExams.Sync;

/// <summary>One record the replica refused.</summary>
/// <param name="RecordType"><c>mock_exams</c>, <c>bookings</c> or <c>idempotency_keys</c>.</param>
/// <param name="RecordId">HubSpot record id (the key, for an idempotency record).</param>
/// <param name="ExamId">The exam whose write carried it (force sync that exam once the record is fixed).</param>
/// <param name="Reason">Postgres' SQLSTATE and message.</param>
/// <param name="Attempts">How many writes of it were refused.</param>
[GenerateSerializer, Immutable, Alias("mockexams.QuarantinedRecord")]
public sealed record QuarantinedRecord(
    [property: Id(0)] string RecordType,
    [property: Id(1)] string RecordId,
    [property: Id(2)] string? ExamId,
    [property: Id(3)] string Reason,
    [property: Id(4)] DateTimeOffset FirstSeenAt,
    [property: Id(5)] DateTimeOffset LastSeenAt,
    [property: Id(6)] int Attempts);
