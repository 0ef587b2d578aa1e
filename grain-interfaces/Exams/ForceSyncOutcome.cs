namespace MockExams.Exams;

/// <summary>What a force sync of one exam found in HubSpot and wrote to the replica.</summary>
[GenerateSerializer, Immutable, Alias("mockexams.ForceSyncOutcome")]
public sealed record ForceSyncOutcome(
    [property: Id(0)] bool ExamFound,
    [property: Id(1)] int BookingsSynced);
