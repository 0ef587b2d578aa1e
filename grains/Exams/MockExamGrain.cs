using MockExams.Exams;
using MockExams.Grains.Cache;
using MockExams.Grains.Replica;

namespace MockExams.Grains.Exams;

/// <summary>The single writer of one exam; serves that exam's reads cache-aside.</summary>
public sealed class MockExamGrain(ExamCache cache, ExamReader reader) : Grain, IMockExamGrain
{
    private string ExamId => this.GetPrimaryKeyString();

    public async Task<JsonBody?> GetExamAsync(CancellationToken cancellationToken = default)
    {
        var key = cache.Keys.Exam(ExamId);
        if (await cache.GetAsync(key) is { } cached)
        {
            return new JsonBody(cached);
        }

        var body = await reader.GetExamBodyAsync(ExamId, cancellationToken);
        if (body is null)
        {
            return null;
        }

        await cache.SetAsync(key, body);
        return new JsonBody(body);
    }
}
