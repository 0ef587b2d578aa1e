using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace MockExams.Grains.Cache;

/// <summary>Cached response bodies in Redis. Written only by the grain that owns the keys.</summary>
public sealed class ExamCache(IConnectionMultiplexer redis, CacheKeys keys, IOptions<CacheOptions> options)
{
    private readonly IDatabase _db = redis.GetDatabase();
    private readonly TimeSpan _ttl = TimeSpan.FromSeconds(options.Value.TtlSeconds);

    public CacheKeys Keys => keys;

    public async Task<byte[]?> GetAsync(RedisKey key)
    {
        var value = await _db.StringGetAsync(key);
        return value.IsNull ? null : (byte[]?)value;
    }

    public Task SetAsync(RedisKey key, byte[] body) => _db.StringSetAsync(key, body, _ttl);

    public Task InvalidateExamAsync(string examId) => _db.KeyDeleteAsync(keys.Exam(examId));
}
