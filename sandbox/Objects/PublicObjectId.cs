using System.Text.Json.Serialization;
using MockExams.Sandbox.Http;

namespace MockExams.Sandbox.Objects;

public sealed record PublicObjectId([property: JsonConverter(typeof(FlexibleStringConverter))] string? Id);
