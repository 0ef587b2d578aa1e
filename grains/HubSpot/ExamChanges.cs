namespace MockExams.Grains.HubSpot;

/// <summary>A partial update of one mock exam. Null means "leave as is".</summary>
public sealed record ExamChanges(
    string? MockExamName = null,
    string? MockType = null,
    DateOnly? ExamDate = null,
    string? StartTime = null,
    string? EndTime = null,
    string? Location = null,
    int? Capacity = null,
    int? TotalBookings = null,
    bool? IsActive = null);
