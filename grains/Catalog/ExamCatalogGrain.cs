using MockExams.Catalog;
using MockExams.Exams;
using MockExams.Grains.Cache;
using MockExams.Grains.Replica;
using Orleans.Concurrency;
using StackExchange.Redis;

namespace MockExams.Grains.Catalog;

/// <summary>
/// The exam list and aggregates, cache-aside. A stateless worker, so every silo answers locally, and reentrant,
/// since it holds no state and mostly waits on Redis. A hit costs two Redis reads (the generation, then the key);
/// a miss goes to the <see cref="ICatalogFillGrain"/> of that key, which queries the replica once for everyone.
/// </summary>
[StatelessWorker, Reentrant]
public sealed class ExamCatalogGrain(ExamCache cache, CatalogReader reader) : Grain, IExamCatalogGrain
{
    public async Task<JsonBody> ListExamsAsync(ExamListQuery query, CancellationToken cancellationToken = default)
    {
        query.EnsureValid();
        if (await cache.GetCatalogGenerationAsync() is not { } generation)
        {
            // Redis is down. Without a generation there is no safe key to coalesce on (a reader arriving after a
            // write must not share a read that began before it), so each read asks the replica itself.
            return new JsonBody(await reader.ReadListAsync(query, cancellationToken));
        }

        var key = cache.Keys.ExamList(generation, query);
        if ((await cache.GetAsync(key)).Body is { } cached)
        {
            return new JsonBody(cached);
        }

        return await FillAsync(key, fill => fill.FillListAsync(query), cancellationToken);
    }

    public async Task<JsonBody> GetAggregatesAsync(ExamFilter filter, CancellationToken cancellationToken = default)
    {
        if (await cache.GetCatalogGenerationAsync() is not { } generation)
        {
            return new JsonBody(await reader.ReadAggregatesAsync(filter, cancellationToken));
        }

        var key = cache.Keys.ExamAggregates(generation, filter);
        if ((await cache.GetAsync(key)).Body is { } cached)
        {
            return new JsonBody(cached);
        }

        return await FillAsync(key, fill => fill.FillAggregatesAsync(filter), cancellationToken);
    }

    private async Task<JsonBody> FillAsync(RedisKey key, Func<ICatalogFillGrain, Task<JsonBody>> fill, CancellationToken cancellationToken)
    {
        var grain = GrainFactory.GetGrain<ICatalogFillGrain>(key.ToString());
        try
        {
            return await fill(grain).WaitAsync(cancellationToken);
        }
        catch (OrleansMessageRejectionException)
        {
            // The fill grain of this key was leaving as the call arrived; the next activation looks in Redis first.
            return await fill(grain).WaitAsync(cancellationToken);
        }
    }
}
