namespace MockExams.Exams;

/// <summary>
/// A mock exam to create; HubSpot assigns its id. With an <see cref="IdempotencyKey"/> a repeated request gets the first
/// answer, and a repeat after an unknown outcome finds the exam the first one created instead of making a second.
/// </summary>
[GenerateSerializer, Immutable, Alias("mockexams.NewExamRequest")]
public sealed record NewExamRequest(
    [property: Id(0)] string MockExamName,
    [property: Id(1)] string MockType,
    [property: Id(2)] DateOnly ExamDate,
    [property: Id(3)] string? StartTime,
    [property: Id(4)] string? EndTime,
    [property: Id(5)] string Location,
    [property: Id(6)] int Capacity,
    [property: Id(7)] bool IsActive,
    [property: Id(8)] string? IdempotencyKey = null,
    [property: Id(9)] string? RequestHash = null);
