namespace MockExams.Grains.HubSpot.Wire;

internal sealed record FilterGroup(IReadOnlyList<SearchFilter> Filters);
