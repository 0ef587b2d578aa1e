namespace MockExams.HubSpot;

/// <summary>Calls one lane (<c>UserWrite</c>, <c>Sync</c>, <c>Backfill</c>) was granted over about the last minute.</summary>
[GenerateSerializer, Immutable, Alias("mockexams.HubSpotLaneUse")]
public sealed record HubSpotLaneUse([property: Id(0)] string Lane, [property: Id(1)] long CallsLastMinute);
