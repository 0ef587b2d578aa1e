using MockExams.Exams;

namespace MockExams.Grains.Exams;

public sealed partial class MockExamGrain
{
    public async Task<JsonBody?> GetExamAsync(CancellationToken cancellationToken = default)
    {
        var key = cache.Keys.Exam(ExamId);
        if (await cache.GetAsync(key) is { } cached)
        {
            return new JsonBody(cached);
        }

        var version = _writeVersion;
        var body = await reader.GetExamBodyAsync(ExamId, cancellationToken);
        if (body is null)
        {
            return null;
        }

        if (version == _writeVersion)
        {
            // The SET is issued before this turn yields: a write cannot slip in between, and its later DEL follows it.
            await cache.SetAsync(key, body);
        }

        return new JsonBody(body);
    }
}
