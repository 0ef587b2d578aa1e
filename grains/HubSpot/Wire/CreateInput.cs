namespace MockExams.Grains.HubSpot.Wire;

/// <summary>One batch/create input, with inline associations and a trace id that turns on 207 partial answers.</summary>
internal sealed record CreateInput(
    Dictionary<string, string> Properties, IReadOnlyList<AssociationInput> Associations, string? ObjectWriteTraceId);
