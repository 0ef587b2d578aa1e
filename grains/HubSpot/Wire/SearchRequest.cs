namespace MockExams.Grains.HubSpot.Wire;

/// <summary>The body of a CRM search.</summary>
internal sealed record SearchRequest(
    IReadOnlyList<FilterGroup> FilterGroups, IReadOnlyList<SearchSort> Sorts, IReadOnlyList<string> Properties, int Limit, string? After);
