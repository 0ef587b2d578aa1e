namespace MockExams.Grains.HubSpot.Wire;

/// <summary>One entry of an error body's <c>errors[]</c>.</summary>
internal sealed record HubSpotErrorBodyDetail(
    string? Message = null, string? Code = null, string? In = null, Dictionary<string, List<string>>? Context = null);
