namespace MockExams.Cli.Chaos;

/// <summary>One request the workload sent and what it was answered (status 0: no answer).</summary>
public sealed record ChaosCall(
    string Kind, string Method, int Status, bool HasRetryAfter, string? ExamId, string? ContactId, string? BookingId,
    string? Reason, double ElapsedMs);
