namespace MockExams.Grains.HubSpot.Wire;

/// <summary>
/// HubSpot's error body, in both of its shapes: the CRM one (<c>category</c>, <c>errors[]</c>,
/// <c>context</c>) and the rate-limit one (<c>errorType</c>, <c>policyName</c>). Every field is optional.
/// </summary>
internal sealed record HubSpotErrorBody(
    string? Status = null,
    string? Message = null,
    string? CorrelationId = null,
    string? Category = null,
    string? SubCategory = null,
    string? ErrorType = null,
    string? PolicyName = null,
    Dictionary<string, List<string>>? Context = null,
    List<HubSpotErrorBodyDetail>? Errors = null);
