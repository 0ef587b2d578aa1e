namespace MockExams.Grains.HubSpot.Wire;

/// <summary>Associations v4 batch/read answer: for each "from" id, the associated ids (paged per id).</summary>
internal sealed record AssociationBatchResponse(List<AssociationBatchResult>? Results);
