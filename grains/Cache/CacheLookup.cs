namespace MockExams.Grains.Cache;

/// <summary>What a Redis lookup found: the cached bytes, nothing, or no answer (Redis down, slow, or the circuit open).</summary>
public readonly record struct CacheLookup(byte[]? Body, TimeSpan? TimeToLive, bool Available)
{
    public static CacheLookup Unavailable => new(null, null, false);

    public static CacheLookup Miss => new(null, null, true);

    public static CacheLookup Hit(byte[] body, TimeSpan? timeToLive) => new(body, timeToLive, true);
}
