namespace MockExams.Tests.Grains.Exams.Fixtures;

/// <summary>The model-based tests share one <see cref="FaultyHubSpotClusterFixture"/>, one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class FaultyHubSpotCollection : ICollectionFixture<FaultyHubSpotClusterFixture>
{
    public const string Name = "faulty-hubspot";
}
