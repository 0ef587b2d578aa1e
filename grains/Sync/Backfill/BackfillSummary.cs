namespace MockExams.Grains.Sync.Backfill;

/// <summary>How a backfill ended.</summary>
/// <param name="Completed">False when another process holds the backfill lease (<see cref="Holder"/>); nothing was done.</param>
/// <param name="Resumed">It continued an interrupted backfill from its checkpoint.</param>
/// <param name="Exams">Exams written by this run (rows HubSpot returned, whether or not they changed the replica).</param>
/// <param name="Bookings">Bookings written by this run.</param>
public sealed record BackfillSummary(
    bool Completed, string? Holder, bool Resumed, long Exams, long Bookings, long Calls, long SearchCalls, TimeSpan Elapsed, long? RunId)
{
    public static BackfillSummary Busy(string? holder) => new(false, holder, false, 0, 0, 0, 0, TimeSpan.Zero, null);
}
