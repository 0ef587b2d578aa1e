namespace MockExams.Grains.HubSpot;

/// <summary>
/// A mock exam to create; HubSpot assigns its id. <paramref name="CreationId"/> (unique in HubSpot) makes the create
/// safe to send again: a repeat finds the first record instead of making a second.
/// </summary>
public sealed record NewExam(
    string MockExamName,
    string MockType,
    DateOnly ExamDate,
    string? StartTime,
    string? EndTime,
    string Location,
    int Capacity,
    bool IsActive,
    int TotalBookings = 0,
    string? CreationId = null);
