namespace MockExams.Api.Bookings;

/// <summary>The shape of <c>GET /api/bookings</c> for the OpenAPI document: one student's bookings, every exam.</summary>
public sealed record BookingListEnvelope(bool Success, IReadOnlyList<BookingRow> Bookings);
