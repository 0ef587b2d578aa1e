using MockExams.Catalog;
using MockExams.Exams;

namespace MockExams.Grains.Catalog;

/// <summary>
/// Fills one catalog cache key. Key: the full Redis key, generation included. There is one activation per key in
/// the whole cluster, so however many catalog activations (several per silo, on every silo) miss the same key at
/// once, the replica answers one query for it. Internal to the silos: the api never calls it.
/// </summary>
[Alias("mockexams.ICatalogFillGrain")]
public interface ICatalogFillGrain : IGrainWithStringKey
{
    Task<JsonBody> FillListAsync(ExamListQuery query);

    Task<JsonBody> FillAggregatesAsync(ExamFilter filter);
}
