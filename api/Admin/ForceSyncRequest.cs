using MockExams.Api.Input;

namespace MockExams.Api.Admin;

/// <summary>The query of <c>POST /api/admin/sync/force-supabase</c>: each way it can be wrong names its parameter.</summary>
public static class ForceSyncRequest
{
    public const string Exams = "exams";
    public const string Bookings = "bookings";

    /// <summary>Adds what is wrong with the query, by parameter name.</summary>
    public static void Validate(string? type, string? examId, InputErrors errors)
    {
        switch (type)
        {
            case null or "":
                errors.Add("type", "type is required: exams, or bookings with examId.");
                return;
            case Exams when examId is not null:
                errors.Add("examId", "examId is only valid with type=bookings.");
                return;
            case Exams:
                return;
            case Bookings when string.IsNullOrEmpty(examId):
                errors.Add("examId", "examId is required with type=bookings.");
                return;
            case Bookings when examId.Length > 20 || !examId.All(char.IsAsciiDigit):
                errors.Add("examId", "examId must be a HubSpot record id (digits only).");
                return;
            case Bookings:
                return;
            default:
                errors.Add("type", $"type must be '{Exams}' or '{Bookings}'.");
                return;
        }
    }
}
