namespace MockExams.Grains.HubSpot.Wire;

/// <summary>The body of batch/read: ids (or unique values of <c>IdProperty</c>) and the properties to return.</summary>
internal sealed record BatchReadRequest(IReadOnlyList<string> Properties, IReadOnlyList<ObjectRef> Inputs, string? IdProperty = null);
