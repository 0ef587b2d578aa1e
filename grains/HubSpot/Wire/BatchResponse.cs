namespace MockExams.Grains.HubSpot.Wire;

/// <summary>A batch answer (200, 201 or 207): results plus, for partial ones, per-input errors.</summary>
internal sealed record BatchResponse(List<HubSpotObject>? Results, List<HubSpotErrorBody>? Errors, int? NumErrors);
