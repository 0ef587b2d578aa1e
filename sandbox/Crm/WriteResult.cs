using MockExams.Sandbox.Http;

namespace MockExams.Sandbox.Crm;

/// <summary>The outcome of one input: the record written, or why not.</summary>
public sealed record WriteResult(WriteRequest Input, CrmRecord? Record, CrmError? Error, bool Created);
