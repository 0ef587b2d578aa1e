namespace MockExams.Sync;

/// <summary>Where the replica stands against HubSpot (<c>GET /api/admin/sync/status</c>).</summary>
[GenerateSerializer, Immutable, Alias("mockexams.SyncStatus")]
public sealed record SyncStatus(
    [property: Id(0)] DateTimeOffset GeneratedAt,
    [property: Id(1)] IReadOnlyList<ObjectSyncStatus> ObjectTypes,
    [property: Id(2)] WebhookInboxStatus Webhooks,
    [property: Id(3)] bool BackfillRunning,
    [property: Id(4)] bool ReconcileRunning,
    [property: Id(5)] int IncrementalIntervalSeconds,
    [property: Id(6)] QuarantineStatus Quarantine);
