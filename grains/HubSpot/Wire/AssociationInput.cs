namespace MockExams.Grains.HubSpot.Wire;

internal sealed record AssociationInput(ObjectRef To, IReadOnlyList<AssociationTypeSpec> Types);
