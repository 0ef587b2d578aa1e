using System.Diagnostics.Metrics;

namespace MockExams.Grains.Cache;

/// <summary>
/// What each cache lookup of the read path did, by <c>result</c>: <c>memory</c> (the exam grain's own copy),
/// <c>hit</c>, <c>miss</c>, <c>unavailable</c> (Redis failed or timed out) and <c>bypassed</c> (circuit open, or
/// the exam's cache is suspect after a failed invalidation, so Redis was not asked).
/// </summary>
public sealed class CacheMetrics
{
    public const string MeterName = "MockExams.Cache";
    public const string LookupsInstrument = "mockexams.cache.lookups";

    private static readonly KeyValuePair<string, object?> Memory = new("result", "memory");
    private static readonly KeyValuePair<string, object?> RedisHit = new("result", "hit");
    private static readonly KeyValuePair<string, object?> RedisMiss = new("result", "miss");
    private static readonly KeyValuePair<string, object?> Unavailable = new("result", "unavailable");
    private static readonly KeyValuePair<string, object?> Bypassed = new("result", "bypassed");

    private readonly Counter<long> _lookups;

    public CacheMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _lookups = meter.CreateCounter<long>(LookupsInstrument, unit: "{lookup}", description: "Read-path cache lookups, by result.");
    }

    public void MemoryHit() => _lookups.Add(1, Memory);

    public void Hit() => _lookups.Add(1, RedisHit);

    public void Miss() => _lookups.Add(1, RedisMiss);

    public void RedisUnavailable() => _lookups.Add(1, Unavailable);

    public void RedisBypassed() => _lookups.Add(1, Bypassed);
}
