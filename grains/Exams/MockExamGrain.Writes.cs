using MockExams.Exams;

namespace MockExams.Grains.Exams;

/// <summary>The write verbs: each queues one write and awaits its answer (the caller's token stops only the wait).</summary>
public sealed partial class MockExamGrain
{
    public async Task<BookingOutcome> BookAsync(BookingRequest request, CancellationToken cancellationToken = default)
    {
        var result = await BookOnceAsync(request).WaitAsync(cancellationToken);
        return new BookingOutcome(result.Booking, result.Rejection, result.RetryAfter, result.Detail);
    }

    public async Task<CancellationOutcome> CancelBookingAsync(string bookingId, CancellationToken cancellationToken = default) =>
        (await CancelBookingsAsync([bookingId], cancellationToken))[0];

    public async Task<IReadOnlyList<CancellationOutcome>> CancelBookingsAsync(
        IReadOnlyList<string> bookingIds, CancellationToken cancellationToken = default)
    {
        var pending = bookingIds.Select(id => Enqueue(QueuedWrite.User(new CancelCommand(id)))).ToList();
        var results = await Task.WhenAll(pending).WaitAsync(cancellationToken);
        return [.. bookingIds.Zip(results, (id, r) => new CancellationOutcome(id, r.Booking, r.Rejection, r.RetryAfter, r.Detail))];
    }

    public Task<ExamWriteOutcome> UpdateAsync(ExamUpdate update, CancellationToken cancellationToken = default) =>
        ExamWriteAsync(new UpdateExamCommand(update), cancellationToken);

    public Task<ExamWriteOutcome> SetActiveAsync(bool isActive, CancellationToken cancellationToken = default) =>
        ExamWriteAsync(new UpdateExamCommand(new ExamUpdate(IsActive: isActive)), cancellationToken);

    public Task<ExamWriteOutcome> ArchiveAsync(CancellationToken cancellationToken = default) =>
        ExamWriteAsync(new ArchiveExamCommand(), cancellationToken);

    public async Task ApplyRemoteChangesAsync(RemoteChanges changes, CancellationToken cancellationToken = default) =>
        await Enqueue(QueuedWrite.Of(new ApplyRemoteWork(changes))).WaitAsync(cancellationToken);

    public async Task<ForceSyncOutcome> ForceSyncAsync(CancellationToken cancellationToken = default)
    {
        var result = await Enqueue(QueuedWrite.Of(new ForceSyncWork())).WaitAsync(cancellationToken);
        return result.Sync ?? new ForceSyncOutcome(false, 0);
    }

    private async Task<ExamWriteOutcome> ExamWriteAsync(ExamCommand command, CancellationToken cancellationToken)
    {
        var result = await Enqueue(QueuedWrite.User(command)).WaitAsync(cancellationToken);
        return new ExamWriteOutcome(result.Exam, result.Rejection, result.RetryAfter, result.Detail);
    }
}
