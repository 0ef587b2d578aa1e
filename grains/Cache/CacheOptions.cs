using System.ComponentModel.DataAnnotations;

namespace MockExams.Grains.Cache;

/// <summary>Read cache settings. Section "Cache"; env <c>Cache__TtlSeconds</c>, <c>Cache__KeyPrefix</c>.</summary>
public sealed class CacheOptions
{
    public const string SectionName = "Cache";

    /// <summary>How long a cached response lives (the seed's 5 minutes); writes delete keys long before that.</summary>
    [Range(1, 86_400)] public int TtlSeconds { get; set; } = 300;

    /// <summary>Prefix of every key, so several deployments (or test runs) can share one Redis.</summary>
    [Required] public string KeyPrefix { get; set; } = "mockexams:";
}
