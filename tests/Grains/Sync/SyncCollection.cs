namespace MockExams.Tests.Grains.Sync;

/// <summary>
/// The sync tests share two clusters and run one at a time, and not alongside any other collection: their timing
/// assertions (polling within an interval, webhooks within 5 s) must not compete for the CPU, and the process-wide
/// counters other tests read (replica queries, cache hits) must not see the sync tests' reads.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SyncCollection : ICollectionFixture<PollingSyncFixture>, ICollectionFixture<QuietSyncFixture>
{
    public const string Name = "sync";
}
