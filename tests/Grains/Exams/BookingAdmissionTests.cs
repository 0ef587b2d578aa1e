using MockExams.Exams;
using MockExams.Grains.Exams;

namespace MockExams.Tests.Grains.Exams;

/// <summary>The admission rules as pure code: no cluster, no HubSpot, no database.</summary>
public sealed class BookingAdmissionTests
{
    private static readonly DateOnly Today = new(2030, 1, 15);

    private static ExamAdmission Exam(int capacity, bool active = true, bool archived = false, DateOnly? date = null) => new()
    {
        Capacity = capacity,
        IsActive = active,
        Archived = archived,
        ExamDate = date ?? Today.AddDays(10),
    };

    private static BookCommand Book(string contactId) =>
        new(new BookingRequest(contactId, $"STU-{contactId}", "Name", $"{contactId}@example.com", "right", "Toronto"));

    private static AdmissionDecision Decide(ExamAdmission exam, params ExamCommand[] batch)
    {
        var next = 0;
        return BookingAdmission.Decide(exam, batch, Today, () => $"bk-{++next}");
    }

    [Fact]
    public void Decide_MoreRequestsThanSeats_AcceptsInArrivalOrderUntilFull()
    {
        var decision = Decide(Exam(capacity: 2), Book("a"), Book("b"), Book("c"));

        Assert.Equal([null, null, WriteRejection.ExamFull], decision.Verdicts.Select(v => v.Rejection));
        Assert.Equal(["bk-1", "bk-2"], decision.Creates.Select(c => c.BookingId));
        Assert.Equal(2, decision.Projected.ActiveCount);
    }

    [Fact]
    public void Decide_SameStudentTwiceInOneBatch_SecondIsAlreadyBooked()
    {
        var decision = Decide(Exam(capacity: 5), Book("a"), Book("a"));

        Assert.Equal([null, WriteRejection.AlreadyBooked], decision.Verdicts.Select(v => v.Rejection));
    }

    [Fact]
    public void Decide_StudentHoldsActiveBooking_AlreadyBookedEvenWhenFull()
    {
        var exam = Exam(capacity: 1);
        exam.Hold(new ActiveBooking("bk-0", "900", "a"));

        var decision = Decide(exam, Book("a"), Book("b"));

        Assert.Equal([WriteRejection.AlreadyBooked, WriteRejection.ExamFull], decision.Verdicts.Select(v => v.Rejection));
        Assert.True(decision.WritesNothing);
    }

    [Theory]
    [InlineData(false, false, 10, WriteRejection.ExamInactive)]
    [InlineData(true, true, 10, WriteRejection.ExamArchived)]
    [InlineData(true, false, -1, WriteRejection.ExamPast)]
    public void Decide_ExamClosed_RejectsWithReason(bool active, bool archived, int daysAhead, WriteRejection expected)
    {
        var decision = Decide(Exam(capacity: 5, active, archived, Today.AddDays(daysAhead)), Book("a"));

        Assert.Equal(expected, Assert.Single(decision.Verdicts).Rejection);
    }

    [Fact]
    public void Decide_ExamMissing_ExamNotFound()
    {
        var decision = Decide(ExamAdmission.Missing(), Book("a"), new CancelCommand("bk-1"));

        Assert.All(decision.Verdicts, v => Assert.Equal(WriteRejection.ExamNotFound, v.Rejection));
    }

    [Fact]
    public void Decide_ExamOnItsDay_IsStillBookable()
    {
        var decision = Decide(Exam(capacity: 1, date: Today), Book("a"));

        Assert.Null(Assert.Single(decision.Verdicts).Rejection);
    }

    [Fact]
    public void Decide_CancelThenBook_FreedSeatGoesToTheNextInLine()
    {
        var exam = Exam(capacity: 1);
        exam.Hold(new ActiveBooking("bk-0", "900", "a"));

        var decision = Decide(exam, new CancelCommand("900"), Book("b"), new CancelCommand("bk-0"));

        Assert.Equal([null, null, WriteRejection.AlreadyCancelled], decision.Verdicts.Select(v => v.Rejection));
        Assert.Equal("bk-0", Assert.Single(decision.Cancels).BookingId);
        Assert.Equal("b", Assert.Single(decision.Creates).ContactId);
    }

    [Fact]
    public void Decide_CapacityBelowActiveBookings_Refused()
    {
        var exam = Exam(capacity: 3);
        exam.Hold(new ActiveBooking("bk-0", "900", "a"));

        var decision = Decide(exam, Book("b"), new UpdateExamCommand(new ExamUpdate(Capacity: 1)), new UpdateExamCommand(new ExamUpdate(Capacity: 2)));

        Assert.Equal([null, WriteRejection.CapacityBelowBookings, null], decision.Verdicts.Select(v => v.Rejection));
        Assert.Equal(2, decision.ExamChanges?.Capacity);
    }

    [Fact]
    public void Decide_DeactivateBetweenBookings_LaterBookingIsInactive()
    {
        var decision = Decide(Exam(capacity: 5), Book("a"), new UpdateExamCommand(new ExamUpdate(IsActive: false)), Book("b"));

        Assert.Equal([null, null, WriteRejection.ExamInactive], decision.Verdicts.Select(v => v.Rejection));
        Assert.False(decision.ExamChanges?.IsActive);
    }

    [Fact]
    public void Decide_ArchiveTwice_SecondIsExamArchived()
    {
        var decision = Decide(Exam(capacity: 5), new ArchiveExamCommand(), new ArchiveExamCommand(), Book("a"));

        Assert.Equal([null, WriteRejection.ExamArchived, WriteRejection.ExamArchived], decision.Verdicts.Select(v => v.Rejection));
        Assert.True(decision.Archive);
    }

    [Fact]
    public void Decide_NeverChangesTheStateItIsGiven()
    {
        var exam = Exam(capacity: 2);

        Decide(exam, Book("a"), Book("b"));

        Assert.Equal(0, exam.ActiveCount);
        Assert.False(exam.HoldsActiveBooking("a"));
    }
}
