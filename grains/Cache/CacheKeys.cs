using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace MockExams.Grains.Cache;

/// <summary>Every Redis key MockExams uses, in one place: the key layout is part of the schema.</summary>
public sealed class CacheKeys(IOptions<CacheOptions> options)
{
    private readonly string _prefix = options.Value.KeyPrefix;

    public RedisKey Exam(string examId) => $"{_prefix}exam:{examId}";
}
