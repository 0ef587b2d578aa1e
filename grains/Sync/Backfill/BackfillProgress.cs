namespace MockExams.Grains.Sync.Backfill;

/// <summary>A snapshot of a running backfill, for progress bars.</summary>
/// <param name="ExamsTotal">Exams HubSpot reported at the start (null until known).</param>
/// <param name="BookingsTotal">Bookings HubSpot reported at the start (null until known).</param>
/// <param name="Calls">HubSpot calls of the 10-second budget this run made (lists, batch reads, associations).</param>
/// <param name="SearchCalls">HubSpot search calls this run made (their own per-second budget).</param>
public sealed record BackfillProgress(
    long ExamsWritten, long? ExamsTotal, long BookingsWritten, long? BookingsTotal, long Calls, long SearchCalls, TimeSpan Elapsed);
