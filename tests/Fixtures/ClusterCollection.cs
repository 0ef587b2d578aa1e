namespace MockExams.Tests.Fixtures;

/// <summary>Tests that share one cluster run one at a time, so replica query counts and sandbox stats are theirs.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
