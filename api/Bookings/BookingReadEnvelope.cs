using MockExams.Api.Exams;

namespace MockExams.Api.Bookings;

/// <summary>The shape of <c>GET /api/bookings/{id}</c> for the OpenAPI document: the row as the exam's bookings list has it.</summary>
public sealed record BookingReadEnvelope(bool Success, Exams.BookingRow Booking);
