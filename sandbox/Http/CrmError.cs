namespace MockExams.Sandbox.Http;

/// <summary>An expected failure of a CRM call, answered in HubSpot's error shape.</summary>
public sealed record CrmError(
    int Status,
    string Category,
    string Message,
    IReadOnlyList<CrmErrorDetail>? Errors = null,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? Context = null,
    string? SubCategory = null)
{
    public static CrmError Validation(string message, params CrmErrorDetail[] errors) =>
        new(StatusCodes.Status400BadRequest, "VALIDATION_ERROR", message, errors is [] ? null : errors);

    public static CrmError NotFound(string message, IReadOnlyDictionary<string, IReadOnlyList<string>>? context = null) =>
        new(StatusCodes.Status404NotFound, "OBJECT_NOT_FOUND", message, Context: context);

    public static CrmError UnknownObjectType(string objectType) =>
        new(StatusCodes.Status400BadRequest, "VALIDATION_ERROR", $"Unable to infer object type from: {objectType}");

    public static CrmError InvalidJson(string detail) =>
        Validation($"Invalid input JSON: {detail}");

    /// <summary>The same error, tagged with the input it belongs to (batch 207 and whole-batch rejections).</summary>
    public CrmError WithTraceId(string? objectWriteTraceId)
    {
        if (objectWriteTraceId is null)
        {
            return this;
        }

        var context = new Dictionary<string, IReadOnlyList<string>>(Context ?? new Dictionary<string, IReadOnlyList<string>>())
        {
            ["objectWriteTraceId"] = [objectWriteTraceId],
        };
        return this with { Context = context };
    }
}
