namespace MockExams.Grains.Cache;

/// <summary>
/// How many times this silo invalidated one exam's keys. The exam grain compares it before and after a fill,
/// and keeps its in-memory copy only while it is unchanged: the grain's write path calls
/// <see cref="ExamCache.InvalidateExamAsync"/> after each replica commit, on the grain's own silo.
/// </summary>
public sealed class InvalidationCounter
{
    private long _value;

    public long Value => Volatile.Read(ref _value);

    internal void Increment() => Interlocked.Increment(ref _value);
}
