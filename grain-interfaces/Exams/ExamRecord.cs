namespace MockExams.Exams;

/// <summary>
/// One mock exam as HubSpot holds it, in replica terms (the columns of <c>hubspot_mock_exams</c>).
/// <see cref="LastModifiedAt"/> is HubSpot's <c>hs_lastmodifieddate</c>: the replica never lets an older one
/// overwrite a newer one.
/// </summary>
[GenerateSerializer, Immutable, Alias("mockexams.ExamRecord")]
public sealed record ExamRecord(
    [property: Id(0)] string HubSpotId,
    [property: Id(1)] string? MockExamName,
    [property: Id(2)] string? MockType,
    [property: Id(3)] DateOnly? ExamDate,
    [property: Id(4)] string? StartTime,
    [property: Id(5)] string? EndTime,
    [property: Id(6)] string? Location,
    [property: Id(7)] int? Capacity,
    [property: Id(8)] int TotalBookings,
    [property: Id(9)] bool IsActive,
    [property: Id(10)] DateTimeOffset? CreatedAt,
    [property: Id(11)] DateTimeOffset LastModifiedAt,
    [property: Id(12)] bool Archived);
