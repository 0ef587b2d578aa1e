using System.Net.Mail;
using System.Text.Json.Serialization;
using MockExams.Exams;

namespace MockExams.Api.Bookings;

/// <summary>The body of <c>POST /api/bookings</c> (snake_case, like the replica's columns).</summary>
public sealed record CreateBookingRequest(
    [property: JsonPropertyName("mock_exam_id")] string? MockExamId,
    [property: JsonPropertyName("contact_id")] string? ContactId,
    [property: JsonPropertyName("student_id")] string? StudentId,
    [property: JsonPropertyName("student_name")] string? StudentName,
    [property: JsonPropertyName("student_email")] string? StudentEmail,
    [property: JsonPropertyName("dominant_hand")] string? DominantHand,
    [property: JsonPropertyName("attending_location")] string? AttendingLocation)
{
    public const int MaxLength = 255;

    private static readonly string[] Hands = ["left", "right"];

    /// <summary>Errors by wire field name; empty when the request is valid.</summary>
    public Dictionary<string, string[]> Validate()
    {
        Dictionary<string, string[]> errors = [];
        Required(errors, "mock_exam_id", MockExamId);
        Required(errors, "contact_id", ContactId);
        Required(errors, "student_id", StudentId);
        Required(errors, "student_name", StudentName);
        Required(errors, "attending_location", AttendingLocation);
        if (Required(errors, "student_email", StudentEmail) && !MailAddress.TryCreate(StudentEmail, out _))
        {
            errors["student_email"] = ["Not an email address."];
        }

        if (Required(errors, "dominant_hand", DominantHand) && !Hands.Contains(DominantHand!.Trim().ToLowerInvariant()))
        {
            errors["dominant_hand"] = ["Must be \"left\" or \"right\"."];
        }

        return errors;
    }

    public BookingRequest ToGrainRequest(string? idempotencyKey, string? requestHash) => new(
        ContactId!.Trim(), StudentId!.Trim(), StudentName!.Trim(), StudentEmail!.Trim(), DominantHand!.Trim().ToLowerInvariant(),
        AttendingLocation!.Trim(), idempotencyKey, requestHash);

    internal static bool Required(Dictionary<string, string[]> errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = ["Required."];
            return false;
        }

        if (value.Length > MaxLength)
        {
            errors[field] = [$"At most {MaxLength} characters."];
            return false;
        }

        return true;
    }
}
