using MockExams.Exams;

namespace MockExams.Grains.Exams;

/// <summary>
/// What one flush will write: the verdict on every command (in queue order), the exam fields to change, whether to
/// archive, and the admission state once all of it has landed.
/// </summary>
public sealed record AdmissionDecision(
    IReadOnlyList<Verdict> Verdicts, ExamUpdate? ExamChanges, bool Archive, ExamAdmission Projected)
{
    public IEnumerable<IntendedBooking> Creates => Verdicts.Select(v => v.Created).OfType<IntendedBooking>();

    public IEnumerable<ActiveBooking> Cancels => Verdicts.Select(v => v.Cancelled).OfType<ActiveBooking>();

    /// <summary>Nothing to send to HubSpot: every command was rejected.</summary>
    public bool WritesNothing => !Creates.Any() && !Cancels.Any() && ExamChanges is null && !Archive;
}
