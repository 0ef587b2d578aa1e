namespace MockExams.Grains.Cache;

/// <summary>
/// How many invalidations of one exam this process has seen: its own <see cref="ExamCache.InvalidateExamAsync"/>
/// calls (the exam grain's write path, at once) and those other processes published. The exam grain compares it
/// before and after a fill, and keeps its in-memory copy only while it is unchanged.
/// </summary>
public sealed class InvalidationCounter
{
    private long _value;

    public long Value => Volatile.Read(ref _value);

    internal void Increment() => Interlocked.Increment(ref _value);
}
