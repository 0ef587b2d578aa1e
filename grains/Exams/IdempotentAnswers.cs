using System.Text.Json;
using MockExams.Exams;
using MockExams.Grains.Replica;

namespace MockExams.Grains.Exams;

/// <summary>A booking answer as an Idempotency-Key record, and back: a repeated request gets the first answer.</summary>
public static class IdempotentAnswers
{
    private const int Created = 201;

    public static IdempotencyRecord ToRecord(IntendedBooking booking, BookingOutcome outcome) => new(
        booking.IdempotencyKey!, booking.RequestHash ?? "", outcome.Booking is null ? StatusOf(outcome.Rejection) : Created,
        outcome.Booking is { } record
            ? JsonSerializer.Serialize(record)
            : JsonSerializer.Serialize(new { rejection = outcome.Rejection?.Code(), detail = outcome.Detail }));

    public static IdempotencyRecord ToRecord(BookingRequest request, BookingOutcome outcome) => ToRecord(
        new IntendedBooking("", request.ContactId, request.StudentId, request.StudentName, request.StudentEmail,
            request.DominantHand, request.AttendingLocation, null, request.IdempotencyKey, request.RequestHash),
        outcome);

    /// <summary>The answer a stored record stands for; a different request body under the same key is refused.</summary>
    public static BookingOutcome Replay(IdempotencyRecord record, string? requestHash)
    {
        if (!string.Equals(record.RequestHash, requestHash ?? "", StringComparison.Ordinal))
        {
            return BookingOutcome.Rejected(WriteRejection.IdempotencyKeyReused,
                "This Idempotency-Key was first used with a different request body.");
        }

        if (record.Status == Created)
        {
            return BookingOutcome.Booked(JsonSerializer.Deserialize<BookingRecord>(record.ResponseJson)
                ?? throw new InvalidOperationException($"Idempotency record {record.Key} holds no booking."));
        }

        using var body = JsonDocument.Parse(record.ResponseJson);
        var code = body.RootElement.TryGetProperty("rejection", out var r) ? r.GetString() : null;
        var detail = body.RootElement.TryGetProperty("detail", out var d) ? d.GetString() : null;
        return BookingOutcome.Rejected(WriteRejections.FromCode(code) ?? WriteRejection.RefusedByHubSpot, detail);
    }

    private static int StatusOf(WriteRejection? rejection) => rejection switch
    {
        WriteRejection.ExamNotFound or WriteRejection.BookingNotFound => 404,
        WriteRejection.IdempotencyKeyReused or WriteRejection.RefusedByHubSpot => 422,
        _ => 409,
    };
}
