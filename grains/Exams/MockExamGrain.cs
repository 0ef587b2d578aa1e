using MockExams.Exams;

namespace MockExams.Grains.Exams;

public sealed class MockExamGrain : Grain, IMockExamGrain
{
    public Task<JsonBody?> GetExamAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<JsonBody?>(null);
}
