namespace MockExams.Grains.HubSpot.Wire;

internal sealed record AssociationBatchResult(ObjectRef From, List<AssociatedObject>? To, Paging? Paging);
