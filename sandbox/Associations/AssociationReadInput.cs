using System.Text.Json.Serialization;
using MockExams.Sandbox.Http;

namespace MockExams.Sandbox.Associations;

/// <summary>An input of associations batch/read: the record, and the cursor of its next page.</summary>
public sealed record AssociationReadInput([property: JsonConverter(typeof(FlexibleStringConverter))] string? Id, string? After);
