namespace MockExams.Grains.HubSpot;

/// <summary>
/// Budget for one HubSpot call, taken ahead by <see cref="HubSpotClient.ReserveAsync"/>: the first call it is given to
/// goes out without asking the governor again. Spent once; if no call spends it, the governor counted one call too many.
/// </summary>
public sealed class HubSpotBudgetReservation
{
    private int _spent;

    internal HubSpotBudgetReservation(HubSpotLane lane) => Lane = lane;

    public HubSpotLane Lane { get; }

    /// <summary>True the first time only: that call was paid for by this reservation.</summary>
    internal bool TrySpend() => Interlocked.Exchange(ref _spent, 1) == 0;
}
