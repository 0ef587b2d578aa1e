namespace MockExams.Grains.HubSpot;

/// <summary>A partial update of one booking (cancel, attendance). Null means "leave as is".</summary>
/// <param name="Id">HubSpot record id of the booking.</param>
public sealed record BookingChanges(
    string Id,
    string? BookingStatus = null,
    bool? IsActive = null,
    string? Attendance = null,
    string? AttendingLocation = null,
    string? DominantHand = null);
