using MockExams.Sandbox.Http;

namespace MockExams.Sandbox.Crm;

/// <summary>A validated input: the record it changes (null: a new one), the properties to write, or its error.</summary>
internal sealed record WritePlan(WriteRequest Input, CrmRecord? Target, IReadOnlyDictionary<string, string?> Properties, CrmError? Error);
