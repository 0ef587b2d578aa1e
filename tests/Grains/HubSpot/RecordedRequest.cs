namespace MockExams.Tests.Grains.HubSpot;

/// <summary>What the client sent to <see cref="ScriptedHubSpot"/>.</summary>
public sealed record RecordedRequest(HttpMethod Method, string Path, string Body, string? Authorization);
