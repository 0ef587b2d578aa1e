namespace MockExams.Sandbox.Crm;

/// <summary>An inline association of a create: the target id and the association type.</summary>
public sealed record AssociationRequest(long ToId, string Category, int TypeId);
