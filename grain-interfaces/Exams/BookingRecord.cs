namespace MockExams.Exams;

/// <summary>
/// One booking as HubSpot holds it, in replica terms (the columns of <c>hubspot_bookings</c>). A booking is
/// active while <see cref="IsActive"/> (HubSpot <c>is_active</c> = "true"); cancelling sets it false and
/// <see cref="BookingStatus"/> to <see cref="BookingStatuses.Cancelled"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("mockexams.BookingRecord")]
public sealed record BookingRecord(
    [property: Id(0)] string HubSpotId,
    [property: Id(1)] string BookingId,
    [property: Id(2)] string MockExamId,
    [property: Id(3)] string? ContactId,
    [property: Id(4)] string? StudentId,
    [property: Id(5)] string? StudentName,
    [property: Id(6)] string? StudentEmail,
    [property: Id(7)] string? BookingStatus,
    [property: Id(8)] bool IsActive,
    [property: Id(9)] string? Attendance,
    [property: Id(10)] string? AttendingLocation,
    [property: Id(11)] DateOnly? ExamDate,
    [property: Id(12)] string? DominantHand,
    [property: Id(13)] DateTimeOffset? CreatedAt,
    [property: Id(14)] DateTimeOffset LastModifiedAt,
    [property: Id(15)] bool Archived);
