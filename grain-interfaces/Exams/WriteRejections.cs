namespace MockExams.Exams;

/// <summary>The reason codes clients see for each <see cref="WriteRejection"/>.</summary>
public static class WriteRejections
{
    public static string Code(this WriteRejection rejection) => rejection switch
    {
        WriteRejection.ExamNotFound => "exam_not_found",
        WriteRejection.ExamFull => "exam_full",
        WriteRejection.ExamInactive => "exam_inactive",
        WriteRejection.ExamArchived => "exam_archived",
        WriteRejection.ExamPast => "exam_past",
        WriteRejection.AlreadyBooked => "already_booked",
        WriteRejection.AlreadyCancelled => "already_cancelled",
        WriteRejection.BookingNotFound => "booking_not_found",
        WriteRejection.CapacityBelowBookings => "capacity_below_bookings",
        WriteRejection.IdempotencyKeyReused => "idempotency_key_reused",
        WriteRejection.RefusedByHubSpot => "refused_by_hubspot",
        _ => throw new ArgumentOutOfRangeException(nameof(rejection), rejection, null),
    };

    public static WriteRejection? FromCode(string? code) =>
        Enum.GetValues<WriteRejection>().Cast<WriteRejection?>().FirstOrDefault(r => r!.Value.Code() == code);
}
