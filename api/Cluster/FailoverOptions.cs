using System.ComponentModel.DataAnnotations;

namespace MockExams.Api.Cluster;

/// <summary>
/// How the api sends a write to its exam grain again while the cluster takes over a dead silo's exams
/// (<see cref="GrainCallRetry"/>). Section "Api:Failover"; env <c>Api__Failover__AttemptTimeoutMs</c>,
/// <c>__RetryDeadlineMs</c>, <c>__UnansweredDeadlineMs</c>.
/// </summary>
public sealed class FailoverOptions
{
    public const string SectionName = "Api:Failover";

    /// <summary>
    /// An attempt not answered within this is sent again with the same key (the grain joins a slow one; a lost one is
    /// made by the new owner). Shorter finds a call lost without any sign from the cluster sooner, but sends every
    /// booking that is merely slow under load again (one more message and turn each, no more HubSpot calls). A silo's
    /// gateway dropping ends every attempt in flight at once, whatever this says.
    /// </summary>
    [Range(200, 600_000)] public int AttemptTimeoutMs { get; set; } = 5000;

    /// <summary>
    /// How long a write the client can safely repeat (a booking with its own Idempotency-Key, a cancel) is sent again
    /// before the client is told 503 + Retry-After. The survivors take a dead silo's exams over in about 3 s.
    /// </summary>
    [Range(500, 600_000)] public int RetryDeadlineMs { get; set; } = 8000;

    /// <summary>
    /// How long a booking without the client's key is sent again while no attempt was answered and one may have
    /// arrived. Its client cannot repeat it safely, so it is never told 503 while an attempt may still make the booking;
    /// past this it is told 504 (outcome unknown: look the booking up before booking again). Only a cluster that stays
    /// unable to answer for this long gets there.
    /// </summary>
    [Range(1000, 600_000)] public int UnansweredDeadlineMs { get; set; } = 60_000;

    public TimeSpan AttemptTimeout => TimeSpan.FromMilliseconds(AttemptTimeoutMs);

    public TimeSpan RetryDeadline => TimeSpan.FromMilliseconds(RetryDeadlineMs);

    public TimeSpan UnansweredDeadline => TimeSpan.FromMilliseconds(UnansweredDeadlineMs);
}
