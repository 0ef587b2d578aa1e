using MockExams.Catalog;
using MockExams.Exams;
using MockExams.Grains.Cache;
using MockExams.Grains.Replica;
using Orleans.Concurrency;
using StackExchange.Redis;

namespace MockExams.Grains.Catalog;

/// <summary>
/// One fill of one catalog key (see <see cref="ICatalogFillGrain"/>). Reentrant so that every caller awaits the
/// same fill; it deactivates once idle, since a key's generation makes it worthless after the next write.
/// </summary>
[Reentrant]
public sealed class CatalogFillGrain(ExamCache cache, CatalogReader reader) : Grain, ICatalogFillGrain
{
    private Task<JsonBody>? _fill;

    public Task<JsonBody> FillListAsync(ExamListQuery query) =>
        _fill ??= FillOnceAsync(() => reader.ReadListAsync(query.EnsureValid(), CancellationToken.None));

    public Task<JsonBody> FillAggregatesAsync(ExamFilter filter) =>
        _fill ??= FillOnceAsync(() => reader.ReadAggregatesAsync(filter, CancellationToken.None));

    private async Task<JsonBody> FillOnceAsync(Func<Task<byte[]>> readReplica)
    {
        try
        {
            RedisKey key = this.GetPrimaryKeyString();
            // A caller may have missed just before an earlier activation's SET landed: look again before querying.
            if ((await cache.GetAsync(key)).Body is { } cached)
            {
                return new JsonBody(cached);
            }

            // The key carries the generation read before this query, so storing it can never hide a later write:
            // that write bumped the generation, and readers after it look up another key.
            var body = await readReplica();
            await cache.SetAsync(key, body, cache.NextTtl());
            return new JsonBody(body);
        }
        finally
        {
            // Callers already waiting get the result (or the failure); the next caller after that starts afresh.
            this.DeactivateOnIdle();
        }
    }
}
