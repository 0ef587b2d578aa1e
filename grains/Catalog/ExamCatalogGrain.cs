using MockExams.Catalog;
using MockExams.Exams;
using MockExams.Grains.Cache;
using MockExams.Grains.Replica;
using Orleans.Concurrency;

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

        return await GrainFactory.GetGrain<ICatalogFillGrain>(key.ToString()).FillListAsync(query).WaitAsync(cancellationToken);
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

        return await GrainFactory.GetGrain<ICatalogFillGrain>(key.ToString()).FillAggregatesAsync(filter).WaitAsync(cancellationToken);
    }
}
