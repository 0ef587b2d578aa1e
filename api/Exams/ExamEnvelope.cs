namespace MockExams.Api.Exams;

/// <summary>
/// The shape of <c>GET /api/mock-exams/{id}</c> for the OpenAPI document. The body itself is produced by the
/// replica (the columns of <see cref="ExamRow"/>) and cached as bytes, so this type is never serialized.
/// </summary>
public sealed record ExamEnvelope(bool Success, ExamRow Exam);
