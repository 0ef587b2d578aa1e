namespace MockExams.Sync;

/// <summary>What a reconciliation found for one object type.</summary>
/// <param name="Checked">HubSpot records compared.</param>
/// <param name="Missing">Live in HubSpot, absent (or soft-deleted) in the replica.</param>
/// <param name="Extra">Live in the replica, unknown to HubSpot (deleted for good, or never there).</param>
/// <param name="Stale">In both, the replica's version older than HubSpot's.</param>
/// <param name="ArchivedButLive">Archived in HubSpot, live in the replica.</param>
/// <param name="Repaired">Drifted records applied through the exam grains (repair runs only).</param>
[GenerateSerializer, Immutable, Alias("mockexams.DriftCounts")]
public sealed record DriftCounts(
    [property: Id(0)] int Checked,
    [property: Id(1)] int Missing,
    [property: Id(2)] int Extra,
    [property: Id(3)] int Stale,
    [property: Id(4)] int ArchivedButLive,
    [property: Id(5)] int Repaired)
{
    public int Total => Missing + Extra + Stale + ArchivedButLive;
}
