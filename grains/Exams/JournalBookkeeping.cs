namespace MockExams.Grains.Exams;

/// <summary>
/// What an exam activation knows about its journal (<see cref="MockExamState.Intents"/>) beyond the journal itself:
/// whether the saved copy is behind, whether a flush shrank it, and when each intent was first known here. Touched only
/// on the activation's scheduler.
/// </summary>
internal sealed class JournalBookkeeping
{
    /// <summary>
    /// When this activation first knew each journaled intent, on its own clock: the late-create window is measured from
    /// here, never from a time another silo's clock wrote (an intent found at activation starts its window then).
    /// </summary>
    private readonly Dictionary<Guid, DateTimeOffset> _seenAt = [];

    /// <summary>
    /// The saved state is behind this activation's (a cleared journal entry or debt): saved with the next write or on
    /// deactivation, since what it still claims costs one look-up or one delete at worst.
    /// </summary>
    public bool StateUnsaved { get; set; }

    /// <summary>This flush took a refused write out of the journal: saved before its client is answered.</summary>
    public bool Shrank { get; set; }

    /// <summary>An intent this activation journals now.</summary>
    public void Journaled(WriteIntent intent) => _seenAt[intent.Id] = intent.CreatedAt;

    /// <summary>An intent that never made it into the saved journal.</summary>
    public void Dropped(WriteIntent intent) => _seenAt.Remove(intent.Id);

    /// <summary>When this activation first knew <paramref name="intent"/>; now, if that is now.</summary>
    public DateTimeOffset FirstSeen(WriteIntent intent, DateTimeOffset now) => _seenAt.TryAdd(intent.Id, now) ? now : _seenAt[intent.Id];

    /// <summary>Forgets the intents that have left the journal.</summary>
    public void ForgetSettled(List<WriteIntent> journal)
    {
        foreach (var id in _seenAt.Keys.Where(id => !journal.Exists(i => i.Id == id)).ToList())
        {
            _seenAt.Remove(id);
        }
    }
}
