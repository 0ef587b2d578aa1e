namespace MockExams.Api.Bookings;

/// <summary>Where a booking lives: its exam (whose grain writes it) and the HubSpot contact it belongs to.</summary>
public sealed record BookingLocation(string ExamId, string? ContactId);
