using Orleans.Configuration;

namespace MockExams.Silo;

/// <summary>
/// How fast the cluster declares a silo dead, so the survivors take over its exams within about 5 s instead of
/// Orleans' defaults (about 15 s of probing, then a 60 s table refresh). A dead silo is noticed by probes sent every
/// second: two missed in a row make a silo suspect it, and two suspicions (in a three-silo cluster: both survivors)
/// declare it dead; gossip then tells everyone at once. The membership table is also re-read every 5 s (one Redis
/// read) so a silo that missed the gossip learns within that.
/// </summary>
/// <remarks>
/// The price: a silo that cannot answer a probe for about 2 s (a long GC pause, or CPU starvation on a busy 2-core
/// host) may be declared dead while alive; it then stops itself and its exams move, which is safe (each exam's
/// grain re-reads its state and settles any pending intent) but costs a restart. Orleans lengthens the probe
/// timeout while the prober's own health is degraded (<c>ExtendProbeTimeoutDuringDegradation</c>), and indirect
/// probes ask another silo before voting, which guards against most of it. Every value can be changed through
/// configuration (<c>Orleans__Membership__ProbeTimeout</c> etc.); a slow shared host should raise ProbeTimeout.
/// </remarks>
public static class FailoverTuning
{
    public const string MembershipSection = "Orleans:Membership";

    public static void Apply(ClusterMembershipOptions membership)
    {
        membership.ProbeTimeout = TimeSpan.FromSeconds(1);
        membership.MinProbeTimeout = TimeSpan.FromSeconds(1);
        membership.MaxProbeTimeout = TimeSpan.FromSeconds(4);
        membership.NumMissedProbesLimit = 2;
        membership.NumVotesForDeathDeclaration = 2;
        membership.TableRefreshTimeout = TimeSpan.FromSeconds(5);
        membership.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(30);
        membership.ExtendProbeTimeoutDuringDegradation = true;
        membership.EnableIndirectProbes = true;
    }
}
