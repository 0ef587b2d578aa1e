using System.Threading.RateLimiting;
using StackExchange.Redis;

namespace MockExams.Api.RateLimits;

/// <summary>
/// Lets a write through when Redis cannot count it: the limit protects the api, and a Redis outage must not turn
/// every write into a 500 (the write path itself degrades without Redis). Only Redis failures are forgiven.
/// </summary>
public sealed partial class FailOpenRateLimiter(RateLimiter inner, ILogger logger) : RateLimiter
{
    public override TimeSpan? IdleDuration => inner.IdleDuration;

    public override RateLimiterStatistics? GetStatistics() => inner.GetStatistics();

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => inner.AttemptAcquire(permitCount);

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        try
        {
            return await inner.AcquireAsync(permitCount, cancellationToken);
        }
        catch (RedisException ex)
        {
            LogUncounted(logger, ex);
            return Granted.Instance;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    [LoggerMessage(EventId = 3301, Level = LogLevel.Warning, Message = "Redis could not count a write against its caller's rate limit; letting it through")]
    private static partial void LogUncounted(ILogger logger, Exception exception);

    private sealed class Granted : RateLimitLease
    {
        public static readonly Granted Instance = new();

        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
