namespace MockExams.Grains.HubSpot.Wire;

/// <summary>One batch/update input.</summary>
internal sealed record UpdateInput(string Id, Dictionary<string, string> Properties, string? ObjectWriteTraceId);
