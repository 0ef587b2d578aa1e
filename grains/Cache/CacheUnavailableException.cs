using StackExchange.Redis;

namespace MockExams.Grains.Cache;

/// <summary>
/// Redis did not carry out an invalidation (unreachable, or no answer in time). A <see cref="RedisException"/>,
/// so a caller that handles Redis failures handles this one too.
/// </summary>
public sealed class CacheUnavailableException : RedisException
{
    public CacheUnavailableException(string message) : base(message)
    {
    }

    public CacheUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
