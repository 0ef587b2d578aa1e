namespace MockExams.Sandbox.Admin;

public sealed record DumpAssociation(string ToObjectTypeId, string ToObjectId, string Category, int AssociationTypeId);
