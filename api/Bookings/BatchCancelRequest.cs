using System.Text.Json.Serialization;
using MockExams.Api.Input;

namespace MockExams.Api.Bookings;

/// <summary>The body of <c>POST /api/bookings/batch-cancel</c>: up to 500 booking ids (booking_id or HubSpot id), any exams.</summary>
public sealed record BatchCancelRequest([property: JsonPropertyName("booking_ids")] IReadOnlyList<string?>? BookingIds)
{
    public const int MaxBookings = 500;

    public void Validate(InputErrors errors) => errors.RequireIds("booking_ids", BookingIds, MaxBookings, "booking");
}

/// <summary>What became of one booking of a batch cancel.</summary>
public sealed record BatchCancelResult(string BookingId, string Status, string? Reason, string? Detail, BookingRow? Booking);

public sealed record BatchCancelEnvelope(bool Success, int Cancelled, IReadOnlyList<BatchCancelResult> Results);
