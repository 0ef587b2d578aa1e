using System.Text.Json.Serialization;
using MockExams.Api.Input;

namespace MockExams.Api.Bookings;

/// <summary>The body of <c>POST /api/bookings/batch-cancel</c>: up to 500 booking ids (booking_id or HubSpot id), any exams.</summary>
public sealed record BatchCancelRequest([property: JsonPropertyName("booking_ids")] IReadOnlyList<string?>? BookingIds)
{
    public const int MaxBookings = 500;

    public void Validate(InputErrors errors)
    {
        if (BookingIds is null or [])
        {
            errors.Add("booking_ids", "Required: one booking id or more.");
        }
        else if (BookingIds.Count > MaxBookings)
        {
            errors.Add("booking_ids", $"At most {MaxBookings} bookings per request.");
        }
        else if (BookingIds.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add("booking_ids", "Booking ids cannot be empty.");
        }
        else if (BookingIds.Select(id => id!.Trim()).Distinct(StringComparer.Ordinal).Count() != BookingIds.Count)
        {
            // Ids are trimmed before use (as every text field is), so "X" and "X " are the same booking asked twice.
            errors.Add("booking_ids", "A booking id appears twice (ids are compared after trimming spaces).");
        }
    }
}

/// <summary>What became of one booking of a batch cancel.</summary>
public sealed record BatchCancelResult(string BookingId, string Status, string? Reason, string? Detail, BookingRow? Booking);

public sealed record BatchCancelEnvelope(bool Success, int Cancelled, IReadOnlyList<BatchCancelResult> Results);
