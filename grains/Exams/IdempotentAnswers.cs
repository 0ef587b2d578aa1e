using System.Text.Json;
using MockExams.Exams;
using MockExams.Grains.Replica;

namespace MockExams.Grains.Exams;

/// <summary>A booking or exam-creation answer as an Idempotency-Key record, and back: a repeated request gets the first answer.</summary>
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

        var (rejection, detail) = RejectionOf(record);
        return BookingOutcome.Rejected(rejection, detail);
    }

    public static IdempotencyRecord ToRecord(string key, string? requestHash, ExamWriteOutcome outcome) => new(
        key, requestHash ?? "", outcome.Exam is null ? StatusOf(outcome.Rejection) : Created,
        outcome.Exam is { } exam
            ? JsonSerializer.Serialize(exam)
            : JsonSerializer.Serialize(new { rejection = outcome.Rejection?.Code(), detail = outcome.Detail }));

    /// <summary>The exam-creation answer a stored record stands for; a different request body under the same key is refused.</summary>
    public static ExamWriteOutcome ReplayExamCreation(IdempotencyRecord record, string? requestHash)
    {
        if (!string.Equals(record.RequestHash, requestHash ?? "", StringComparison.Ordinal))
        {
            return new ExamWriteOutcome(null, WriteRejection.IdempotencyKeyReused, Detail: "This Idempotency-Key was first used with a different request body.");
        }

        if (record.Status == Created)
        {
            return new ExamWriteOutcome(JsonSerializer.Deserialize<ExamRecord>(record.ResponseJson)
                ?? throw new InvalidOperationException($"Idempotency record {record.Key} holds no exam."));
        }

        var (rejection, detail) = RejectionOf(record);
        return new ExamWriteOutcome(null, rejection, Detail: detail);
    }

    private static (WriteRejection Rejection, string? Detail) RejectionOf(IdempotencyRecord record)
    {
        using var body = JsonDocument.Parse(record.ResponseJson);
        var code = body.RootElement.TryGetProperty("rejection", out var r) ? r.GetString() : null;
        var detail = body.RootElement.TryGetProperty("detail", out var d) ? d.GetString() : null;
        return (WriteRejections.FromCode(code) ?? WriteRejection.RefusedByHubSpot, detail);
    }

    private static int StatusOf(WriteRejection? rejection) => rejection switch
    {
        WriteRejection.ExamNotFound or WriteRejection.BookingNotFound => 404,
        WriteRejection.IdempotencyKeyReused or WriteRejection.RefusedByHubSpot => 422,
        _ => 409,
    };
}
