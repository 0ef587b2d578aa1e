
namespace MockExams.Tests.Fixtures;

/// <summary>
/// A cluster of its own (<see cref="ClusterFixture"/>: two silos, api, sandbox, sync off) for a read test class that
/// counts replica queries, cache lookups or HubSpot calls: no other class's writes, nor the settle timers they leave
/// behind, bump its catalog generation or call its sandbox meanwhile. Counts are taken from its silos only
/// (<see cref="SiloCounter"/>), since other collections run their own clusters in this process at the same time.
/// </summary>
public sealed class ReadClusterFixture : ClusterFixture
{
    public IEnumerable<IServiceProvider> SiloServices => Silos.Select(silo => silo.Services);
}
