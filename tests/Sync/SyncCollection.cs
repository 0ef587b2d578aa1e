namespace MockExams.Tests.Sync;

/// <summary>
/// The sync tests share two clusters and run one at a time: their timing assertions (polling within an interval,
/// webhooks within 5 s) must not compete with each other for the CPU, and each fixture's sandbox is theirs alone.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SyncCollection : ICollectionFixture<PollingSyncFixture>, ICollectionFixture<QuietSyncFixture>
{
    public const string Name = "sync";
}
