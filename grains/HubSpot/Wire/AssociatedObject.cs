namespace MockExams.Grains.HubSpot.Wire;

internal sealed record AssociatedObject(string ToObjectId);
