namespace MockExams.Grains.HubSpot.Wire;

/// <summary>A list or search page; <c>paging</c> is absent on the last one.</summary>
internal sealed record PagedResponse(List<HubSpotObject>? Results, Paging? Paging, int? Total);
