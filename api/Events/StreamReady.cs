using System.Text.Json.Serialization;

namespace MockExams.Api.Events;

/// <summary>
/// The data of the <c>ready</c> event that ends what a stream sends on connect: <see cref="Exams"/> exam events
/// came before it, a full snapshot (<see cref="Resumed"/> false) or only what changed after the client's
/// <c>Last-Event-ID</c> (true). Everything after it is a change.
/// </summary>
public sealed record StreamReady(
    [property: JsonPropertyName("exams")] int Exams,
    [property: JsonPropertyName("resumed")] bool Resumed);
