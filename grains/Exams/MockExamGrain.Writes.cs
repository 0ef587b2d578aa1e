using MockExams.Exams;

namespace MockExams.Grains.Exams;

public sealed partial class MockExamGrain
{
    // TODO(issue 6): through the FIFO write queue.
    public Task ApplyRemoteChangesAsync(RemoteChanges changes, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("Issue 6: the exam grain's write queue.");

    // TODO(issue 6): through the FIFO write queue.
    public Task<ForceSyncOutcome> ForceSyncAsync(CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("Issue 6: the exam grain's write queue.");
}
