using MockExams.Exams;
using MockExams.Grains.Cache;
using MockExams.Grains.Replica;
using Orleans.Concurrency;

namespace MockExams.Grains.Exams;

/// <summary>
/// The single writer of one exam and its bookings (key: the exam's HubSpot id). Writes go through one FIFO
/// queue and one flush loop (<c>MockExamGrain.Writes.cs</c>); reads are served cache-aside
/// (<c>MockExamGrain.Reads.cs</c>) and may interleave with a flush that is waiting on HubSpot, hence reentrant.
/// </summary>
[Reentrant]
public sealed partial class MockExamGrain(ExamCache cache, ExamReader reader) : Grain, IMockExamGrain
{
    /// <summary>
    /// Bumped when a write starts touching the replica. A cache fill that read Postgres under an older version
    /// is dropped, so a fill that raced a write can never store the pre-write value.
    /// </summary>
#pragma warning disable CS0649 // TODO(issue 6): the write path's flush bumps it and sets the flag below.
    private long _writeVersion;

    /// <summary>
    /// True while an invalidation the write path owes has not reached Redis (Redis failed after a replica commit):
    /// reads then skip Redis and the activation's in-memory copies, answer from the replica and fill nothing.
    /// </summary>
    private bool _cacheSuspect;
#pragma warning restore CS0649

    private string ExamId => this.GetPrimaryKeyString();
}
