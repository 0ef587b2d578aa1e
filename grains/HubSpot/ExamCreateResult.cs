namespace MockExams.Grains.HubSpot;

/// <summary>The result of one input of <see cref="HubSpotClient.CreateExamsAsync"/>, in input order.</summary>
/// <param name="Exam">The record in HubSpot; null when <paramref name="Status"/> is <see cref="CreateStatus.Failed"/>.</param>
/// <param name="Error">Why it failed; null otherwise.</param>
public sealed record ExamCreateResult(string CreationId, CreateStatus Status, HubSpotExam? Exam, HubSpotInputError? Error);
