using Orleans.Runtime;

namespace MockExams.Grains.HubSpot;

/// <summary>
/// A silo's spenders: the active silos in Orleans' membership as last seen (the snapshot outlives a Redis outage,
/// since it is only refreshed from Redis).
/// </summary>
public sealed class ClusterBudgetPeers(IClusterMembershipService membership) : IHubSpotBudgetPeers
{
    public int? KnownSpenders =>
        membership.CurrentSnapshot.Members.Values.Count(m => m.Status is SiloStatus.Active or SiloStatus.Joining) is > 0 and var count
            ? count
            : null;
}
