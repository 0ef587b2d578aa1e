namespace MockExams.Api.Admin;

/// <summary>The query of <c>POST /api/admin/sync/force-supabase</c>: each way it can be wrong names its parameter.</summary>
public static class ForceSyncRequest
{
    public const string Exams = "exams";
    public const string Bookings = "bookings";

    /// <summary>The errors by parameter name (for a 400 problem), or null when the query is valid.</summary>
    public static Dictionary<string, string[]>? Validate(string? type, string? examId)
    {
        switch (type)
        {
            case null or "":
                return Error("type", "type is required: exams, or bookings with examId.");
            case Exams when examId is not null:
                return Error("examId", "examId is only valid with type=bookings.");
            case Exams:
                return null;
            case Bookings when string.IsNullOrEmpty(examId):
                return Error("examId", "examId is required with type=bookings.");
            case Bookings when examId.Length > 20 || !examId.All(char.IsAsciiDigit):
                return Error("examId", "examId must be a HubSpot record id (digits only).");
            case Bookings:
                return null;
            default:
                return Error("type", $"type must be '{Exams}' or '{Bookings}'.");
        }
    }

    private static Dictionary<string, string[]> Error(string parameter, string message) => new() { [parameter] = [message] };
}
