namespace MockExams.Exams;

/// <summary>
/// The answer to an exam write (create, update, activate, deactivate, archive): <see cref="Exam"/> as HubSpot now
/// holds it, <see cref="Rejection"/>, or <see cref="RetryAfter"/> (not written now; safe to send again).
/// </summary>
[GenerateSerializer, Immutable, Alias("mockexams.ExamWriteOutcome")]
public sealed record ExamWriteOutcome(
    [property: Id(0)] ExamRecord? Exam,
    [property: Id(1)] WriteRejection? Rejection = null,
    [property: Id(2)] TimeSpan? RetryAfter = null,
    [property: Id(3)] string? Detail = null);
