using MockExams.Sandbox.Crm;

namespace MockExams.Sandbox.Associations;

/// <summary>Two records named by type and id on an association path (-1 for an id that is not a number).</summary>
public sealed record ResolvedPair(ObjectTypeDefinition From, long FromId, ObjectTypeDefinition To, long ToId);
