namespace MockExams.Grains.Replica;

/// <summary>The version of one record the replica holds: HubSpot's last-modified time, and whether it is soft-deleted.</summary>
public readonly record struct ReplicaVersion(DateTimeOffset? LastModified, bool Deleted);
