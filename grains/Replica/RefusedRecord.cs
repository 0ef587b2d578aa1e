namespace MockExams.Grains.Replica;

/// <summary>A record one write could not store: what it was and why (quarantined by <see cref="ReplicaQuarantine"/>).</summary>
public sealed record RefusedRecord(string RecordType, string RecordId, string? ExamId, string Reason, string Payload);
