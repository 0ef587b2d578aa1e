using MockExams.Sandbox.Http;

namespace MockExams.Sandbox.Objects;

/// <summary>One entry of a 207's errors[] (HubSpot's StandardError).</summary>
public sealed record BatchErrorView(
    string Status,
    string Category,
    string Message,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Context,
    IReadOnlyList<CrmErrorDetail> Errors,
    IReadOnlyDictionary<string, string> Links)
{
    public static BatchErrorView From(CrmError error) =>
        new("error", error.Category, error.Message,
            error.Context ?? new Dictionary<string, IReadOnlyList<string>>(),
            error.Errors ?? [],
            new Dictionary<string, string>());
}
