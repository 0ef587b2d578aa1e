namespace MockExams.Grains.HubSpot.Wire;

internal sealed record AssociationTypeSpec(string AssociationCategory, int AssociationTypeId);
