namespace MockExams.Sandbox.Occupancy;

/// <summary>The running count of one exam's seats; changed only under the store's lock (see <see cref="ExamOccupancy"/>).</summary>
internal sealed class ExamSeats(long examId)
{
    public long ExamId => examId;

    public int Active { get; set; }

    public long? Capacity { get; set; }

    public int PeakActive { get; private set; }

    public long? CapacityAtPeak { get; private set; }

    public DateTimeOffset? PeakAt { get; private set; }

    public OverCapacityMark? Over { get; private set; }

    /// <summary>Takes the marks of the state the last committed write left.</summary>
    public void Mark(DateTimeOffset now)
    {
        if (Active > PeakActive)
        {
            (PeakActive, CapacityAtPeak, PeakAt) = (Active, Capacity, now);
        }

        if (Capacity is not { } capacity || Active <= capacity)
        {
            return;
        }

        var id = examId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Over = Over is null
            ? new OverCapacityMark(id, Active, capacity, now, now, 1)
            : Active - capacity > Over.Active - Over.Capacity
                ? Over with { Active = Active, Capacity = capacity, At = now, Writes = Over.Writes + 1 }
                : Over with { Writes = Over.Writes + 1 };
    }

    /// <summary>A fresh start from the state a data file held: what it holds now is its first mark.</summary>
    public void Restart(DateTimeOffset now)
    {
        (PeakActive, CapacityAtPeak, PeakAt, Over) = (0, null, null, null);
        Mark(now);
    }

    public ExamSeatMarks ToMarks() =>
        new(examId.ToString(System.Globalization.CultureInfo.InvariantCulture), Active, Capacity, PeakActive, CapacityAtPeak, PeakAt, Over);
}
