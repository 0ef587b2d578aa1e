namespace MockExams.Grains.HubSpot;

/// <summary>
/// Who is spending HubSpot budget, in priority order: a lower lane only takes a token while the
/// shared bucket holds more than the reserve kept for the lanes above it.
/// </summary>
public enum HubSpotLane
{
    /// <summary>A student or staff member is waiting for the answer (bookings, cancels, exam edits).</summary>
    UserWrite = 0,

    /// <summary>Incremental sync, webhook follow-ups, reconciliation, intent recovery.</summary>
    Sync = 1,

    /// <summary>Bulk copies (backfill, load tests): takes only what the others leave.</summary>
    Backfill = 2,
}
