using System.ComponentModel.DataAnnotations;

namespace MockExams.Grains.Sync;

/// <summary>How the replica follows HubSpot. Section "Sync"; env <c>Sync__IncrementalSeconds</c> etc.</summary>
public sealed class SyncOptions
{
    public const string SectionName = "Sync";

    /// <summary>Run the sync grain's timers (incremental sync, webhook follow-up) and its start-up backfill. Env <c>Sync__Enabled</c>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often incremental sync searches HubSpot for changed records. Env <c>Sync__IncrementalSeconds</c>.</summary>
    [Range(1, 3600)] public int IncrementalSeconds { get; set; } = 30;

    /// <summary>
    /// How far before its watermark each incremental search starts: at least HubSpot's search lag (changes reach search
    /// after a few seconds, up to about 10 s observed) plus clock skew. Re-fetched records the replica already holds
    /// are skipped, so a wide overlap costs little. Env <c>Sync__OverlapSeconds</c>.
    /// </summary>
    [Range(0, 3600)] public int OverlapSeconds { get; set; } = 30;

    /// <summary>
    /// Every how many incremental passes HubSpot's recycle bin is listed to find archives (search never shows them):
    /// one call per 100 records archived in the last 90 days, per object type. Env <c>Sync__ArchiveScanEvery</c>.
    /// </summary>
    [Range(1, 10_000)] public int ArchiveScanEvery { get; set; } = 1;

    /// <summary>Hours between automatic reconciliations (a reminder). Env <c>Sync__ReconcileHours</c>.</summary>
    [Range(1, 24 * 30)] public int ReconcileHours { get; set; } = 24;

    /// <summary>Backfill at silo start when no backfill has ever finished (an empty replica), or resume an interrupted one. Env <c>Sync__AutoBackfill</c>.</summary>
    public bool AutoBackfill { get; set; } = true;

    /// <summary>
    /// Let the backfill copy bookings through the search API (its own 5/s budget) from the highest id down, while
    /// batch reads (the 10-second budget) copy them from the lowest id up. Env <c>Sync__BackfillSearchAssist</c>.
    /// </summary>
    public bool BackfillSearchAssist { get; set; } = true;

    /// <summary>Batch reads the backfill keeps in flight, so HubSpot's latency does not leave budget unused. Env <c>Sync__BackfillParallelism</c>.</summary>
    [Range(1, 64)] public int BackfillParallelism { get; set; } = 8;

    /// <summary>
    /// Searches the backfill keeps in flight (each on its own window of ids), for the same reason. More would ride out a
    /// slow replica write better, but each is a search granted and maybe not yet sent: after a stall of the machine
    /// they reach HubSpot together (with 4, one run at load 15 met a search 429). Env <c>Sync__BackfillSearchStreams</c>.
    /// </summary>
    [Range(1, 16)] public int BackfillSearchStreams { get; set; } = 3;

    /// <summary>Exam grains sync calls at once when it applies changes. Env <c>Sync__ApplyParallelism</c>.</summary>
    [Range(1, 256)] public int ApplyParallelism { get; set; } = 16;

    /// <summary>How often pending webhook events are retried when no new delivery wakes the sync grain. Env <c>Sync__WebhookRetrySeconds</c>.</summary>
    [Range(1, 3600)] public int WebhookRetrySeconds { get; set; } = 10;

    /// <summary>Days an applied webhook event's key is kept (HubSpot redelivers for up to 24 hours). Env <c>Sync__WebhookRetentionDays</c>.</summary>
    [Range(2, 365)] public int WebhookRetentionDays { get; set; } = 7;

    public TimeSpan IncrementalInterval => TimeSpan.FromSeconds(IncrementalSeconds);

    public TimeSpan Overlap => TimeSpan.FromSeconds(OverlapSeconds);
}
