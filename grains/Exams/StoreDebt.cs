using MockExams.Grains.Replica;

namespace MockExams.Grains.Exams;

/// <summary>
/// What the replica and Redis still owe an exam activation, in memory: the writes HubSpot holds that the replica has not
/// taken, and the delete of the exam's cache keys after a replica change. (What must outlive the activation is saved in
/// <see cref="MockExamState"/>.) Touched only on the activation's scheduler.
/// </summary>
internal sealed class StoreDebt
{
    /// <summary>Writes HubSpot holds that the replica has not taken yet; sent again with the next commit.</summary>
    public ReplicaCommit ReplicaOwed { get; private set; } = ReplicaCommit.Empty;

    /// <summary>The replica changed since the exam's cache keys were last deleted.</summary>
    public bool InvalidationOwed { get; private set; }

    /// <summary>The replica took everything owed: its change is now owed to the cache.</summary>
    public void Committed()
    {
        ReplicaOwed = ReplicaCommit.Empty;
        InvalidationOwed = true;
    }

    /// <summary>The replica did not take <paramref name="owed"/> (everything owed before, and the commit that failed).</summary>
    public void NotCommitted(ReplicaCommit owed) => ReplicaOwed = owed;

    /// <summary>The replica changed outside a commit of what is owed (an archive from HubSpot): owed to the cache.</summary>
    public void ReplicaChanged() => InvalidationOwed = true;

    /// <summary>The exam's cache keys are deleted.</summary>
    public void Invalidated() => InvalidationOwed = false;
}
