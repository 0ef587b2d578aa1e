using MockExams.Catalog;
using MockExams.Exams;
using MockExams.Grains.Cache;
using MockExams.Grains.Replica;
using Orleans.Concurrency;
using StackExchange.Redis;

namespace MockExams.Grains.Catalog;

/// <summary>
/// One fill of one catalog key (see <see cref="ICatalogFillGrain"/>). Reentrant so that every caller awaits the
/// same fill. It stays a few seconds after filling, answering latecomers from memory, then deactivates: a key's
/// generation makes it worthless after the next write, so keeping every activation until idle collection would
/// pile them up under a stream of writes.
/// </summary>
[Reentrant]
public sealed class CatalogFillGrain(ExamCache cache, CatalogReader reader) : Grain, ICatalogFillGrain
{
    // Long enough for readers that missed Redis while the fill ran to arrive here rather than at a deactivating
    // activation (Orleans forwards those, but gives up on a message forwarded twice).
    private static readonly TimeSpan Linger = TimeSpan.FromSeconds(5);

    private Task<JsonBody>? _fill;
    private IGrainTimer? _leave;

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
        catch
        {
            // Callers already waiting get the failure; the next one tries again.
            _fill = null;
            throw;
        }
        finally
        {
            _leave ??= this.RegisterGrainTimer(() =>
            {
                DeactivateOnIdle();
                return Task.CompletedTask;
            }, new GrainTimerCreationOptions(Linger, Timeout.InfiniteTimeSpan));
        }
    }
}
