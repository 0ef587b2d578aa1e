namespace MockExams.Grains.HubSpot;

/// <summary>A booking as HubSpot holds it (custom object, properties as in the seed's table).</summary>
/// <param name="Id">HubSpot record id (<c>hs_object_id</c>).</param>
/// <param name="BookingId">Our unique <c>booking_id</c> (a unique-value property): the idempotency key of a create.</param>
/// <param name="LastModified">HubSpot's <c>hs_lastmodifieddate</c>: orders versions of this record.</param>
public sealed record HubSpotBooking(
    string Id,
    string? BookingId,
    string? MockExamId,
    string? ContactId,
    string? StudentId,
    string? StudentName,
    string? StudentEmail,
    string? BookingStatus,
    bool? IsActive,
    string? Attendance,
    string? AttendingLocation,
    DateOnly? ExamDate,
    string? DominantHand,
    DateTimeOffset? CreatedAt,
    DateTimeOffset LastModified,
    bool Archived);
