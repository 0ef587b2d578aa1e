namespace MockExams.Grains.HubSpot;

/// <summary>A mock exam to create; HubSpot assigns its id.</summary>
public sealed record NewExam(
    string MockExamName,
    string MockType,
    DateOnly ExamDate,
    string? StartTime,
    string? EndTime,
    string Location,
    int Capacity,
    bool IsActive,
    int TotalBookings = 0);
