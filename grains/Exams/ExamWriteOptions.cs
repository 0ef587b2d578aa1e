using System.ComponentModel.DataAnnotations;

namespace MockExams.Grains.Exams;

/// <summary>How the exam grains batch and settle writes. Section "ExamWrites" (env <c>ExamWrites__Linger</c>, ...).</summary>
public sealed class ExamWriteOptions
{
    public const string SectionName = "ExamWrites";

    /// <summary>
    /// How long an idle write queue waits for more writes before its first flush, so a rush lands in one HubSpot
    /// batch instead of a batch of one followed by the rest. Env <c>ExamWrites__Linger</c>.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01")]
    public TimeSpan Linger { get; set; } = TimeSpan.FromMilliseconds(30);

    /// <summary>
    /// How long the exam's <c>total_bookings</c> in HubSpot may lag its bookings: one exam update then carries every
    /// flush's change. The replica's count is exact at once. Env <c>ExamWrites__TotalBookingsDelay</c>.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan TotalBookingsDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Pause between attempts to bring the replica and cache up to HubSpot after a failure. Env <c>ExamWrites__SettleRetry</c>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:05:00")]
    public TimeSpan SettleRetry { get; set; } = TimeSpan.FromSeconds(2);
}
