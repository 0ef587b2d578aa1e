namespace MockExams.Sandbox.Crm;

/// <summary>Everything the store holds, for the data file and the dump.</summary>
public sealed record StoreSnapshot(long NextId, IReadOnlyList<CrmRecord> Records, IReadOnlyList<AssociationLink> Associations);
