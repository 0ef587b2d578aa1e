using MockExams.Exams;

namespace MockExams.Grains.Exams;

/// <summary>
/// The decision on one queued command: rejected with a reason, or accepted, with the booking it creates
/// (<see cref="Created"/>) or cancels (<see cref="Cancelled"/>) when it is a booking write.
/// </summary>
public sealed record Verdict(
    ExamCommand Command, WriteRejection? Rejection, IntendedBooking? Created = null, ActiveBooking? Cancelled = null)
{
    public bool Accepted => Rejection is null;
}
