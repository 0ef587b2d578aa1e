namespace MockExams.Api.Events;

/// <summary>
/// The part of the silo's cache settings the api needs to hear changes: the key prefix, which names the Redis pub/sub
/// channel every exam write publishes its exam id on (<c>{Cache__KeyPrefix}invalidations</c>, grains/Cache/CacheKeys.cs).
/// </summary>
public sealed class InvalidationChannelOptions
{
    public const string SectionName = "Cache";

    public string KeyPrefix { get; set; } = "mockexams:";

    public string Channel => $"{KeyPrefix}invalidations";
}
