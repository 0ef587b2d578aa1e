namespace MockExams.Grains.HubSpot;

/// <summary>
/// Budget for one HubSpot call, taken ahead by <see cref="HubSpotClient.ReserveAsync"/>: the first call it is given to
/// goes out without asking the governor again. Spent once; if no call spends it, the governor counted one call too many.
/// </summary>
public sealed class HubSpotBudgetReservation
{
    private int _spent;

    private readonly long _grantedAt;

    internal HubSpotBudgetReservation(HubSpotLane lane, long grantedAt)
    {
        Lane = lane;
        _grantedAt = grantedAt;
    }

    /// <summary>
    /// How long after its grant a reservation may still pay for a call. A call that starts later asks the governor
    /// again (the stale grant is void: the bucket counted one call too many, the safe side). Without it, calls
    /// granted seconds apart and then held up (a stalled process, a starved thread pool) would reach HubSpot
    /// together, a burst over its 10-second window the bucket never allowed; with it, what can bunch is at most one
    /// second of grants, which the bucket's refill rate already bounds.
    /// </summary>
    public static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(1);

    public HubSpotLane Lane { get; }

    /// <summary>True the first time only, and only within <see cref="FreshFor"/> of the grant: that call was paid for by this reservation.</summary>
    internal bool TrySpend(TimeProvider time) =>
        Interlocked.Exchange(ref _spent, 1) == 0 && time.GetElapsedTime(_grantedAt) <= FreshFor;
}
