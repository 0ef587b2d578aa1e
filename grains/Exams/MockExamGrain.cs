using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MockExams.Exams;
using MockExams.Grains.Cache;
using MockExams.Grains.HubSpot;
using MockExams.Grains.Replica;
using Orleans.Concurrency;

namespace MockExams.Grains.Exams;

/// <summary>
/// The single writer of one exam and its bookings (key: the exam's HubSpot id). Writes go through one FIFO
/// queue and one flush loop (<c>MockExamGrain.Queue.cs</c>, <c>.Flush.cs</c>); reads are served cache-aside
/// (<c>MockExamGrain.Reads.cs</c>) and may interleave with a flush that is waiting on HubSpot, hence reentrant.
/// </summary>
[Reentrant]
public sealed partial class MockExamGrain(
    [PersistentState("exam", "grain-state")] IPersistentState<MockExamState> state,
    HubSpotClient hubSpot,
    ReplicaWriter replica,
    AdmissionReader admissionReader,
    IdempotencyStore idempotency,
    ExamTotalsBatcher totals,
    ExamCache cache,
    ExamReader reader,
    IOptions<ExamWriteOptions> options,
    TimeProvider time,
    ILogger<MockExamGrain> logger) : Grain, IMockExamGrain, IRemindable
{
    /// <summary>Wakes a deactivated exam grain that still owes HubSpot or the replica something.</summary>
    private const string OwedReminder = "settle-owed";

    /// <summary>
    /// Bumped when a write starts touching the replica and again once it has committed. A cache fill that read
    /// Postgres under an older version is dropped, so a fill that raced a write can never store the pre-write value.
    /// </summary>
    private long _writeVersion;

    /// <summary>
    /// HubSpot holds writes that the replica or Redis may not show yet (one of them failed after HubSpot accepted).
    /// Until a retry succeeds, reads of this exam skip the cache and go to the replica.
    /// </summary>
    private bool _cacheSuspect;

    private string ExamId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!state.State.Settled)
        {
            // A silo died mid-write (or HubSpot's answer was unknown): finish that before any new write is decided.
            LogRecovering(logger, ExamId, state.State.Intents.Count);
            Enqueue(QueuedWrite.Settle());
        }

        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_stateUnsaved)
        {
            await TrySaveStateAsync();
        }

        if (!state.State.Settled)
        {
            // Deactivated with work owed (a debounced total_bookings push, an unsettled intent), e.g. because the silo
            // that held its directory entry died: nothing else may call this exam again, so a reminder wakes it, and
            // activation settles what the saved state says is owed.
            try
            {
                await this.RegisterOrUpdateReminder(OwedReminder, OwedReminderPeriod, OwedReminderPeriod);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogOwedReminderFailed(logger, ExamId, ex);
            }
        }
    }

    /// <summary>
    /// The owed-work reminder: activation has already queued the settle (<see cref="OnActivateAsync"/>); once the
    /// state is settled the reminder goes.
    /// </summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == OwedReminder && state.State.Settled && await this.GetReminder(OwedReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private static readonly TimeSpan OwedReminderPeriod = TimeSpan.FromMinutes(1);
}
