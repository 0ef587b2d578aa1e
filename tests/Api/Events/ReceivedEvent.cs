using System.Text.Json;

namespace MockExams.Tests.Api.Events;

/// <summary>One SSE event as a client received it.</summary>
public sealed record ReceivedEvent(string Type, string? Id, string Raw, JsonElement Data, DateTimeOffset ReceivedAt)
{
    public int Int(string property) => Data.GetProperty(property).GetInt32();
}
