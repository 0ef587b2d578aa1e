using MockExams.Exams;

namespace MockExams.Grains.Exams;

/// <summary>The read verbs: served by the activation's read side (<see cref="ExamReads"/>), never from HubSpot.</summary>
public sealed partial class MockExamGrain
{
    public Task<ExamRead> GetExamAsync(Guid? heldCopy = null, CancellationToken cancellationToken = default) =>
        _reads.GetExamAsync(ExamId, heldCopy, cancellationToken);

    public Task<ExamRead> GetBookingsAsync(BookingStatusFilter status, Guid? heldCopy = null, CancellationToken cancellationToken = default) =>
        _reads.GetBookingsAsync(ExamId, status, heldCopy, cancellationToken);
}
