namespace MockExams.Sandbox.Http;

/// <summary>HubSpot's error body: {status:"error", message, correlationId, category, errors?, context?}.</summary>
public sealed record ErrorBody(
    string Status,
    string Message,
    string CorrelationId,
    string Category,
    string? SubCategory,
    IReadOnlyList<CrmErrorDetail>? Errors,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? Context);
