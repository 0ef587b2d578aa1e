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
/// (<see cref="ExamReads"/>) and may interleave with a flush that is waiting on HubSpot, hence reentrant.
/// Everything an activation holds is declared in this file; the partial files hold methods only.
/// </summary>
[Reentrant]
public sealed partial class MockExamGrain(
    [PersistentState("exam", "grain-state")] IPersistentState<MockExamState> state,
    HubSpotClient hubSpot,
    ReplicaWriter replica,
    AdmissionReader admissionReader,
    IdempotencyStore idempotency,
    ExamTotalsBatcher totals,
    HubSpotBatchWriter writer,
    ExamCache cache,
    ExamReader reader,
    IOptions<ExamWriteOptions> options,
    TimeProvider time,
    ILogger<MockExamGrain> logger) : Grain, IMockExamGrain, IRemindable
{
    // Everything an exam activation holds, besides the services above. Only `state` outlives the activation (saved,
    // ETag-checked: the intent journal and what is owed to HubSpot, the replica or Redis; see MockExamState); the rest
    // is rebuilt from it and the replica. Each piece is touched only on the activation's scheduler.

    /// <summary>Admission state (seats and who holds them): null until loaded from the replica, and after anything that may have changed it.</summary>
    private ExamAdmission? _admission;

    /// <summary>The FIFO of writes and whether a flush loop is draining it (<c>MockExamGrain.Queue.cs</c> runs the loop).</summary>
    private readonly ExamWriteQueue _writes = new(options, time);

    /// <summary>The journal's in-memory side: saved copy behind, shrunk by this flush, when each intent was first known here.</summary>
    private readonly JournalBookkeeping _journal = new();

    /// <summary>Until when HubSpot's budget is known to be spent (from its last over-budget answer): user writes fail fast until then.</summary>
    private DateTimeOffset _budgetBackoffUntil;

    /// <summary>What the replica (writes HubSpot holds) and Redis (a delete of the exam's keys) still owe, in memory.</summary>
    private readonly StoreDebt _debt = new();

    /// <summary>The one pending settle (a grain timer), at the earliest time anything asked for.</summary>
    private readonly SettleTimer _settleTimer = new(time);

    /// <summary>When the coalesced total_bookings push comes due, and its back-off while HubSpot does not confirm it.</summary>
    private readonly TotalBookingsPush _totalPush = new(options, time);

    /// <summary>The wake-up reminder kept while the saved state owes work, so a silo's death cannot strand it.</summary>
    private readonly OwedReminder _owedReminder = new(logger);

    /// <summary>Bookings with an Idempotency-Key queued, in flight or (api-made key) just answered: a repeat joins them.</summary>
    private readonly KeyedBookings _keyed = new(time);

    /// <summary>The read side: the in-memory response copies, the fills in flight, and when they go stale (write version, cache suspect).</summary>
    private readonly ExamReads _reads = new(cache, reader);

    /// <summary>How soon a write refused because the replica could not be read or the journal not saved may come again.</summary>
    private static readonly TimeSpan ReplicaRetryAfter = TimeSpan.FromSeconds(2);

    /// <summary>How soon a write refused during the replica's first backfill may come again.</summary>
    private static readonly TimeSpan ReplicaFillingRetryAfter = TimeSpan.FromSeconds(10);

    private string ExamId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Redis may still hold bodies from before an acknowledged write whose invalidation failed: not served until deleted.
        _reads.CacheSuspect = state.State.CacheInvalidationOwed;
        if (!state.State.Settled)
        {
            // A silo died mid-write (or HubSpot's answer was unknown): finish that before any new write is decided.
            LogRecovering(logger, ExamId, state.State.Intents.Count);
            _owedReminder.FoundRegistered();   // saved unsettled, so registered then; released once settled
            Enqueue(QueuedWrite.Settle());
        }

        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_journal.StateUnsaved)
        {
            await TrySaveStateAsync();
        }

        if (!state.State.Settled)
        {
            // Registered when the state was first saved unsettled, unless that failed: nothing else may call this
            // exam again (e.g. Orleans deactivates it because the silo that held its directory entry died).
            await _owedReminder.EnsureAsync(this);
        }
        else if (!_journal.StateUnsaved)
        {
            await _owedReminder.ReleaseAsync(this);
        }
    }
}
