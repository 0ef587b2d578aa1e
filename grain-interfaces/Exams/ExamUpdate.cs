namespace MockExams.Exams;

/// <summary>A partial change of an exam's own fields; null leaves a field as it is.</summary>
[GenerateSerializer, Immutable, Alias("mockexams.ExamUpdate")]
public sealed record ExamUpdate(
    [property: Id(0)] string? MockExamName = null,
    [property: Id(1)] string? MockType = null,
    [property: Id(2)] DateOnly? ExamDate = null,
    [property: Id(3)] string? StartTime = null,
    [property: Id(4)] string? EndTime = null,
    [property: Id(5)] string? Location = null,
    [property: Id(6)] int? Capacity = null,
    [property: Id(7)] bool? IsActive = null);
