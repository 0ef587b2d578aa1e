using MockExams.Exams;

namespace MockExams.Grains.Exams;

/// <summary>One write waiting in an exam's queue: a user command, or system work such as settling owed writes.</summary>
internal sealed class QueuedWrite
{
    private QueuedWrite(ExamCommand? command, SystemWork? system) => (Command, System) = (command, system);

    public ExamCommand? Command { get; }

    public DateTimeOffset QueuedAt { get; } = DateTimeOffset.UtcNow;

    public SystemWork? System { get; }

    public TaskCompletionSource<WriteResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static QueuedWrite User(ExamCommand command) => new(command, null);

    public static QueuedWrite Settle() => new(null, new SettleWork());

    public static QueuedWrite Of(SystemWork work) => new(null, work);

    public void Answer(WriteResult result) => Done.TrySetResult(result);

    public void Fail(Exception exception) => Done.TrySetException(exception);
}

/// <summary>Work of the exam grain itself, run alone in its place in the queue.</summary>
internal abstract record SystemWork;

internal sealed record SettleWork : SystemWork;

internal sealed record ApplyRemoteWork(RemoteChanges Changes) : SystemWork;

internal sealed record ForceSyncWork : SystemWork;

/// <summary>What a queued write came to; the public verbs turn it into their outcome records.</summary>
internal sealed record WriteResult(
    WriteRejection? Rejection = null,
    TimeSpan? RetryAfter = null,
    string? Detail = null,
    BookingRecord? Booking = null,
    ExamRecord? Exam = null,
    ForceSyncOutcome? Sync = null)
{
    public static readonly WriteResult Done = new();

    public static WriteResult Rejected(WriteRejection rejection, string? detail = null) => new(rejection, Detail: detail);

    public static WriteResult Retry(TimeSpan after, string detail) => new(RetryAfter: after, Detail: detail);
}
