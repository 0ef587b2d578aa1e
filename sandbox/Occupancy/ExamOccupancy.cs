using System.Globalization;
using MockExams.Sandbox.Crm;

namespace MockExams.Sandbox.Occupancy;

/// <summary>
/// Per mock exam, the bookings active at the same instant against the exam's capacity, and the high-water marks of
/// both, so a test or a storm can prove no exam was ever overbooked in HubSpot, not only at the end. A booking counts
/// while it is not archived, its <c>is_active</c> is "true" and its <c>mock_exam_id</c> names the exam (what the
/// replica and the exam grain count too).
/// Not thread-safe on its own: <see cref="CrmStore"/> calls it only under its lock, and marks only once a whole write
/// (a batch) is applied, so an instant is what any reader of HubSpot could have seen, never half a batch.
/// </summary>
public sealed class ExamOccupancy(ObjectTypeCatalog types)
{
    private readonly Dictionary<long, ExamSeats> _exams = [];
    private readonly HashSet<ExamSeats> _touched = [];

    /// <summary>One record version replaced another (null before: created; an archived after: archived).</summary>
    public void Replace(CrmRecord? before, CrmRecord? after)
    {
        var record = after ?? before;
        if (record is null)
        {
            return;
        }

        if (record.ObjectTypeId == types.Bookings.ObjectTypeId)
        {
            if (SeatOf(before) is { } freed)
            {
                Touch(freed).Active--;
            }

            if (SeatOf(after) is { } taken)
            {
                Touch(taken).Active++;
            }
        }
        else if (record.ObjectTypeId == types.MockExams.ObjectTypeId && after is not null)
        {
            Touch(after.Id).Capacity = Capacity(after);
        }
    }

    /// <summary>A write is applied whole: the exams it touched take their marks.</summary>
    public void Commit(DateTimeOffset now)
    {
        foreach (var seats in _touched)
        {
            seats.Mark(now);
        }

        _touched.Clear();
    }

    /// <summary>Counts again from every record (a data file loaded at start); what they hold is the first mark.</summary>
    public void Rebuild(IEnumerable<CrmRecord> records, DateTimeOffset now)
    {
        Clear();
        foreach (var record in records)
        {
            Replace(null, record);
        }

        foreach (var seats in _exams.Values)
        {
            seats.Restart(now);
        }

        _touched.Clear();
    }

    public void Clear()
    {
        _exams.Clear();
        _touched.Clear();
    }

    public IReadOnlyList<ExamSeatMarks> Marks(IReadOnlyCollection<long>? examIds = null) =>
        [.. (examIds is null ? _exams.Values : examIds.Where(_exams.ContainsKey).Select(id => _exams[id]))
            .OrderBy(s => s.ExamId).Select(s => s.ToMarks())];

    public IReadOnlyList<OverCapacityMark> OverCapacity() =>
        [.. _exams.Values.Where(s => s.Over is not null).OrderBy(s => s.ExamId).Select(s => s.Over!)];

    private ExamSeats Touch(long examId)
    {
        if (!_exams.TryGetValue(examId, out var seats))
        {
            _exams[examId] = seats = new ExamSeats(examId);
        }

        _touched.Add(seats);
        return seats;
    }

    private static long? SeatOf(CrmRecord? booking) =>
        booking is { Archived: false }
        && string.Equals(booking.Get("is_active"), "true", StringComparison.OrdinalIgnoreCase)
        && long.TryParse(booking.Get("mock_exam_id"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var examId)
            ? examId
            : null;

    // HubSpot number properties may carry decimals ("25.0"); a seat count is whole.
    private static long? Capacity(CrmRecord exam) =>
        decimal.TryParse(exam.Get("capacity"), NumberStyles.Number, CultureInfo.InvariantCulture, out var capacity)
            ? (long)decimal.Floor(capacity)
            : null;
}
