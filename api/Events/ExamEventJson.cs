using System.Text.Json;
using System.Text.Json.Serialization;
using MockExams.Api.Exams;

namespace MockExams.Api.Events;

/// <summary>Event data is serialized once per change (not per subscriber), by source-generated code.</summary>
[JsonSerializable(typeof(ExamSeats))]
[JsonSerializable(typeof(ExamRemoved))]
[JsonSerializable(typeof(StreamReady))]
[JsonSerializable(typeof(ExamEnvelope))]
[JsonSerializable(typeof(ExamListEnvelope))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
internal sealed partial class ExamEventJson : JsonSerializerContext;
