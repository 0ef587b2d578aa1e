using System.Net.Mail;
using System.Text.Json.Serialization;
using MockExams.Api.Input;
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
    private static readonly string[] Hands = ["left", "right"];

    public void Validate(InputErrors errors)
    {
        errors.RequireText("mock_exam_id", MockExamId);
        errors.RequireText("contact_id", ContactId);
        errors.RequireText("student_id", StudentId);
        errors.RequireText("student_name", StudentName);
        errors.RequireText("attending_location", AttendingLocation);
        if (errors.RequireText("student_email", StudentEmail) && !MailAddress.TryCreate(StudentEmail, out _))
        {
            errors.Add("student_email", "Not an email address.");
        }

        if (errors.RequireText("dominant_hand", DominantHand) && !Hands.Contains(DominantHand!.Trim().ToLowerInvariant()))
        {
            errors.Add("dominant_hand", "Must be \"left\" or \"right\".");
        }
    }

    public BookingRequest ToGrainRequest(string? idempotencyKey, string? requestHash) => new(
        ContactId!.Trim(), StudentId!.Trim(), StudentName!.Trim(), StudentEmail!.Trim(), DominantHand!.Trim().ToLowerInvariant(),
        AttendingLocation!.Trim(), idempotencyKey, requestHash);
}
