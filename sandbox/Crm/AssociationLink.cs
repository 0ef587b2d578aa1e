namespace MockExams.Sandbox.Crm;

/// <summary>One direction of an association; HubSpot keeps (and we store) both directions.</summary>
public sealed record AssociationLink(string FromTypeId, long FromId, string ToTypeId, long ToId, string Category, int TypeId);
