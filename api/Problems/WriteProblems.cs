using Microsoft.AspNetCore.Http.HttpResults;
using MockExams.Exams;

namespace MockExams.Api.Problems;

/// <summary>
/// Problem details for write outcomes: a refusal carries its reason code (<c>reason</c>, e.g. <c>exam_full</c>);
/// "not now" is <see cref="RetryLater"/>'s 503 with <c>Retry-After</c>, never a 429, whatever HubSpot's budget does.
/// </summary>
public static class WriteProblems
{
    public static ProblemHttpResult Rejected(WriteRejection rejection, string? detail = null) =>
        TypedResults.Problem(
            statusCode: StatusOf(rejection),
            title: TitleOf(rejection),
            detail: detail,
            extensions: new Dictionary<string, object?> { ["reason"] = rejection.Code() });

    public static int StatusOf(WriteRejection rejection) => rejection switch
    {
        WriteRejection.ExamNotFound or WriteRejection.BookingNotFound => StatusCodes.Status404NotFound,
        WriteRejection.IdempotencyKeyReused or WriteRejection.RefusedByHubSpot => StatusCodes.Status422UnprocessableEntity,
        _ => StatusCodes.Status409Conflict,
    };

    private static string TitleOf(WriteRejection rejection) => rejection switch
    {
        WriteRejection.ExamNotFound => "Mock exam not found",
        WriteRejection.ExamFull => "The exam is full",
        WriteRejection.ExamInactive => "The exam is not open for booking",
        WriteRejection.ExamArchived => "The exam was archived",
        WriteRejection.ExamPast => "The exam date has passed",
        WriteRejection.AlreadyBooked => "The student already holds a booking for this exam",
        WriteRejection.AlreadyCancelled => "The booking is already cancelled",
        WriteRejection.BookingNotFound => "Booking not found",
        WriteRejection.CapacityBelowBookings => "Capacity cannot drop below the active bookings",
        WriteRejection.IdempotencyKeyReused => "Idempotency-Key reused with a different request",
        WriteRejection.RefusedByHubSpot => "HubSpot refused the write",
        _ => "The write was refused",
    };
}
