using MockExams.Exams;

namespace MockExams.Grains.Exams;

/// <summary>
/// The exam's admission rules, as pure code: decides a batch of queued writes in arrival order against the current
/// state, each seeing the effect of the ones before it. No I/O, the input state is left untouched.
/// </summary>
public static class BookingAdmission
{
    public static AdmissionDecision Decide(
        ExamAdmission state, IReadOnlyList<ExamCommand> batch, DateOnly today, Func<string> newBookingId)
    {
        var projected = state.Clone();
        List<Verdict> verdicts = [];
        ExamUpdate? changes = null;
        var archive = false;
        foreach (var command in batch)
        {
            var verdict = command switch
            {
                BookCommand book => DecideBooking(projected, book, today, newBookingId),
                CancelCommand cancel => DecideCancel(projected, cancel),
                UpdateExamCommand update => DecideUpdate(projected, update, ref changes),
                ArchiveExamCommand archiving => DecideArchive(projected, archiving, ref archive),
                _ => throw new ArgumentOutOfRangeException(nameof(batch), command, "Unknown exam command."),
            };
            verdicts.Add(verdict);
        }

        return new AdmissionDecision(verdicts, changes, archive, projected);
    }

    private static Verdict DecideBooking(ExamAdmission exam, BookCommand command, DateOnly today, Func<string> newBookingId)
    {
        var request = command.Request;
        WriteRejection? rejection = exam switch
        {
            { Exists: false } => WriteRejection.ExamNotFound,
            { Archived: true } => WriteRejection.ExamArchived,
            { IsActive: false } => WriteRejection.ExamInactive,
            { ExamDate: { } date } when date < today => WriteRejection.ExamPast,
            _ when exam.HoldsActiveBooking(request.ContactId) => WriteRejection.AlreadyBooked,
            _ when exam.ActiveCount >= exam.Capacity => WriteRejection.ExamFull,
            _ => null,
        };
        if (rejection is not null)
        {
            return new Verdict(command, rejection);
        }

        var booking = new IntendedBooking(
            newBookingId(), request.ContactId, request.StudentId, request.StudentName, request.StudentEmail,
            request.DominantHand, request.AttendingLocation, exam.ExamDate, request.IdempotencyKey, request.RequestHash);
        exam.Hold(new ActiveBooking(booking.BookingId, null, booking.ContactId));
        return new Verdict(command, null, Created: booking);
    }

    /// <summary>
    /// Admits an already decided booking again against what HubSpot has confirmed since (the ordering rule, and the
    /// recovery of a journaled create): the exam still takes bookings, a seat is left and the student holds no other
    /// active booking. Holds the seat when it does.
    /// </summary>
    public static bool Readmit(ExamAdmission exam, IntendedBooking booking, DateOnly today)
    {
        if (!exam.OpenForBooking(today) || exam.HoldsActiveBooking(booking.ContactId) || exam.ActiveCount >= exam.Capacity)
        {
            return false;
        }

        exam.Hold(new ActiveBooking(booking.BookingId, null, booking.ContactId));
        return true;
    }

    private static Verdict DecideCancel(ExamAdmission exam, CancelCommand command)
    {
        if (!exam.Exists)
        {
            return new Verdict(command, WriteRejection.ExamNotFound);
        }

        if (exam.FindActive(command.BookingId) is not { } active)
        {
            return new Verdict(command, WriteRejection.AlreadyCancelled);
        }

        exam.Release(active.BookingId);
        return new Verdict(command, null, Cancelled: active);
    }

    private static Verdict DecideUpdate(ExamAdmission exam, UpdateExamCommand command, ref ExamUpdate? changes)
    {
        var update = command.Update;
        WriteRejection? rejection = exam switch
        {
            { Exists: false } => WriteRejection.ExamNotFound,
            { Archived: true } => WriteRejection.ExamArchived,
            _ when update.Capacity is { } capacity && capacity < exam.ActiveCount => WriteRejection.CapacityBelowBookings,
            _ => null,
        };
        if (rejection is not null)
        {
            return new Verdict(command, rejection);
        }

        exam.Capacity = update.Capacity ?? exam.Capacity;
        exam.IsActive = update.IsActive ?? exam.IsActive;
        exam.ExamDate = update.ExamDate ?? exam.ExamDate;
        changes = Merge(changes, update);
        return new Verdict(command, null);
    }

    private static Verdict DecideArchive(ExamAdmission exam, ArchiveExamCommand command, ref bool archive)
    {
        if (!exam.Exists)
        {
            return new Verdict(command, WriteRejection.ExamNotFound);
        }

        if (exam.Archived)
        {
            return new Verdict(command, WriteRejection.ExamArchived);
        }

        exam.Archived = true;
        archive = true;
        return new Verdict(command, null);
    }

    /// <summary>Later changes win field by field, as if each had been sent in turn.</summary>
    private static ExamUpdate Merge(ExamUpdate? earlier, ExamUpdate later) => earlier is null
        ? later
        : new ExamUpdate(
            later.MockExamName ?? earlier.MockExamName,
            later.MockType ?? earlier.MockType,
            later.ExamDate ?? earlier.ExamDate,
            later.StartTime ?? earlier.StartTime,
            later.EndTime ?? earlier.EndTime,
            later.Location ?? earlier.Location,
            later.Capacity ?? earlier.Capacity,
            later.IsActive ?? earlier.IsActive);
}
