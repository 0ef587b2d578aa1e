namespace MockExams.Sandbox.Http;

/// <summary>One entry of an error body's errors[] (HubSpot's ErrorDetail).</summary>
public sealed record CrmErrorDetail(
    string Message,
    string? Code = null,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? Context = null,
    string? In = null);
