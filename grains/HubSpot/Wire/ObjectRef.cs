namespace MockExams.Grains.HubSpot.Wire;

internal sealed record ObjectRef(string Id);
