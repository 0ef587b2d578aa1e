using MockExams.Exams;
using MockExams.Sync;

namespace MockExams.Grains.Sync;

/// <summary>
/// What reconciling one object type found: the drifted ids by kind, and the records that repair them (HubSpot's
/// version for missing and stale rows, tombstones for rows HubSpot archived or no longer has).
/// </summary>
public sealed class ReconcileFindings(string objectType)
{
    public string ObjectType { get; } = objectType;

    public int Checked { get; set; }

    public List<string> Missing { get; } = [];

    public List<string> Extra { get; } = [];

    public List<string> Stale { get; } = [];

    public List<string> ArchivedButLive { get; } = [];

    public List<ExamRecord> ExamRepairs { get; } = [];

    public List<BookingRecord> BookingRepairs { get; } = [];

    public int Repaired { get; set; }

    public DriftCounts Counts => new(Checked, Missing.Count, Extra.Count, Stale.Count, ArchivedButLive.Count, Repaired);
}
