using System.ComponentModel.DataAnnotations;

namespace MockExams.Grains.Exams;

/// <summary>How the exam grains batch and settle writes. Section "ExamWrites" (env <c>ExamWrites__Linger</c>, ...).</summary>
public sealed class ExamWriteOptions
{
    public const string SectionName = "ExamWrites";

    /// <summary>
    /// Before each flush, the queue waits until no write has arrived for this long (or <see cref="LingerMax"/> has
    /// passed, or a HubSpot batch is full, or the queued bookings claim every seat left), so a rush lands in a few full
    /// HubSpot batches instead of many small ones. A lone write pays this once. Env <c>ExamWrites__Linger</c>.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01")]
    public TimeSpan Linger { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The longest the first flush of a rush waits for more writes. Env <c>ExamWrites__LingerMax</c>.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:05")]
    public TimeSpan LingerMax { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The silo's <see cref="HubSpotBatchWriter"/> gathers the exams' booking writes until none has arrived for this long
    /// (or 100 wait, or <see cref="HubSpotBatchLingerMax"/> passed), then sends them in one HubSpot batch: in a rush,
    /// batches fill; a lone booking pays this once. Env <c>ExamWrites__HubSpotBatchLinger</c>.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01")]
    public TimeSpan HubSpotBatchLinger { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// The longest the shared writer holds the oldest waiting write for a fuller batch (each call spends budget that a
    /// fuller batch would save). Env <c>ExamWrites__HubSpotBatchLingerMax</c>.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:05")]
    public TimeSpan HubSpotBatchLingerMax { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How many batch calls of one kind the silo's <see cref="HubSpotBatchWriter"/> has in flight at once; while all are
    /// busy the next batch keeps filling. Env <c>ExamWrites__HubSpotCallsInFlight</c>.
    /// </summary>
    [Range(1, 16)]
    public int HubSpotCallsInFlight { get; set; } = 4;

    /// <summary>
    /// The exam's <c>total_bookings</c> in HubSpot is updated once its bookings have been quiet this long (at most
    /// <see cref="TotalBookingsMaxLag"/> after the first unpushed change), so one exam update carries a whole rush.
    /// The replica's count is exact at once. Env <c>ExamWrites__TotalBookingsDelay</c>.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan TotalBookingsDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long the silo gathers exams' due <c>total_bookings</c> before it sends them in one HubSpot batch/update, so
    /// the exams of one rush, coming due together, cost one call instead of one each. Env <c>ExamWrites__TotalBookingsBatchWindow</c>.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan TotalBookingsBatchWindow { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest HubSpot's <c>total_bookings</c> may lag under steady writes. Env <c>ExamWrites__TotalBookingsMaxLag</c>.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:30:00")]
    public TimeSpan TotalBookingsMaxLag { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Pause between attempts to bring the replica and cache up to HubSpot after a failure. Env <c>ExamWrites__SettleRetry</c>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:05:00")]
    public TimeSpan SettleRetry { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long after a flush sent its creates a booking HubSpot did not confirm may still land (a 504 or timeout whose
    /// write HubSpot finishes later). Until then a look-up that finds nothing keeps the seat held (its clients are told
    /// to retry) instead of releasing it to someone else. Longer than the HubSpot client's own retries
    /// (<c>HubSpot__TotalRequestTimeout</c>, 60 s), which may send the create again.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan LateCreateWindow { get; set; } = TimeSpan.FromSeconds(90);
}
