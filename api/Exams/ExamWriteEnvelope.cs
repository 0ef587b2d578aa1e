namespace MockExams.Api.Exams;

/// <summary><c>{"success": true, "exam": {...}}</c>; exam is null after an archive.</summary>
public sealed record ExamWriteEnvelope(bool Success, ExamRow? Exam);

public sealed record BatchActivateResult(string ExamId, string Status, string? Reason, string? Detail, ExamRow? Exam);

public sealed record BatchActivateEnvelope(bool Success, int Changed, IReadOnlyList<BatchActivateResult> Results);
