namespace MockExams.Grains.Exams;

/// <summary>A booking holding a seat. <paramref name="HubSpotId"/> is null while its create has not been confirmed.</summary>
public sealed record ActiveBooking(string BookingId, string? HubSpotId, string ContactId);
