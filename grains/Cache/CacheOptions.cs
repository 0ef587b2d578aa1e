using System.ComponentModel.DataAnnotations;

namespace MockExams.Grains.Cache;

/// <summary>
/// Read cache settings. Section "Cache"; env <c>Cache__TtlSeconds</c>, <c>Cache__TtlJitterPercent</c>,
/// <c>Cache__KeyPrefix</c>, <c>Cache__RedisTimeoutMilliseconds</c>, <c>Cache__CircuitBreakAfterFailures</c>,
/// <c>Cache__CircuitBreakSeconds</c>.
/// </summary>
public sealed class CacheOptions
{
    public const string SectionName = "Cache";

    /// <summary>How long a cached response lives (the seed's 5 minutes); writes delete keys long before that.</summary>
    [Range(1, 86_400)] public int TtlSeconds { get; set; } = 300;

    /// <summary>
    /// Each fill's TTL is spread by up to this share either side (10: 270–330 s), so keys filled together
    /// (after a deploy, after a write burst) do not all expire in the same second and stampede the replica.
    /// </summary>
    [Range(0, 50)] public int TtlJitterPercent { get; set; } = 10;

    /// <summary>Prefix of every key, so several deployments (or test runs) can share one Redis.</summary>
    [Required] public string KeyPrefix { get; set; } = "mockexams:";

    /// <summary>
    /// A Redis command of the read path that has not answered by then counts as a failure and the read goes to
    /// the replica. The client library's own timeout (5 s, with queueing while disconnected) is far too long for a read.
    /// </summary>
    [Range(10, 30_000)] public int RedisTimeoutMilliseconds { get; set; } = 1_000;

    /// <summary>Consecutive Redis failures after which reads stop trying Redis for <see cref="CircuitBreakSeconds"/>.</summary>
    [Range(1, 1_000)] public int CircuitBreakAfterFailures { get; set; } = 3;

    /// <summary>How long reads leave Redis alone once the circuit opened; then one read probes it.</summary>
    [Range(1, 3_600)] public int CircuitBreakSeconds { get; set; } = 10;
}
