using MockExams.Exams;
using MockExams.Tests.Fixtures;
using MockExams.Tests.Grains.Exams.Fixtures;

namespace MockExams.Tests.Grains.Exams;

/// <summary>
/// HubSpot's <c>total_bookings</c> is pushed by a batch update of many exams; an exam whose input HubSpot refuses alone
/// (or answers with neither result nor error) keeps its total owed and pushes it again, not forgets it.
/// </summary>
public sealed class TotalBookingsPushTests(FaultyHubSpotClusterFixture fixture) : IClassFixture<FaultyHubSpotClusterFixture>, IDisposable
{
    private readonly WriteScenario _scenario = new(fixture);

    [Fact]
    public async Task Book_TotalPushRefusedPerInput_IsPushedAgainOnceHubSpotTakesIt()
    {
        var examId = await _scenario.CreateExamAsync(capacity: 5);
        var exam = fixture.Grains.GetGrain<IMockExamGrain>(examId);
        try
        {
            // Every input of an exam batch update is refused alone: the totals push is told no for this exam.
            fixture.Sandbox.Config.Update(s => s with { InputRefusalRate = 1, FaultPaths = "mock_exams/batch/update" });
            var contactId = await _scenario.CreateContactAsync();
            var outcome = await exam.BookAsync(new BookingRequest(
                contactId, $"STU-{contactId}", "Ada Lovelace", $"ada{contactId}@example.com", "right", "Toronto", null, null), WriteScenario.Token);
            Assert.True(outcome.Booking is not null, $"not booked: {outcome.Rejection} {outcome.Detail}");
            // Past the push's delay (100 ms), its max lag (1 s) and the batch window: pushes were tried and refused.
            await Task.Delay(TimeSpan.FromSeconds(2.5), WriteScenario.Token);
            Assert.NotEqual("1", await _scenario.HubSpotTotalBookingsAsync(examId));
        }
        finally
        {
            fixture.StopFaults();
        }

        await WriteScenario.EventuallyAsync(async () => await _scenario.HubSpotTotalBookingsAsync(examId) == "1",
            "HubSpot's total_bookings counts the booking", seconds: 15);
    }

    /// <summary>
    /// An archive HubSpot left unanswered is re-read by the settle: HubSpot still has the exam, so its total is owed
    /// and pushed. Found by the model test (seed aXvMl_6jdku9): the settle judged by the archive the grain had projected,
    /// skipped the push, and cleared the debt; HubSpot's total stayed 0 for an active booking.
    /// </summary>
    [Fact]
    public async Task Archive_UnansweredWhileATotalIsOwed_TheExamStaysAndItsTotalIsPushed()
    {
        var examId = await _scenario.CreateExamAsync(capacity: 5);
        var exam = fixture.Grains.GetGrain<IMockExamGrain>(examId);
        var contactId = await _scenario.CreateContactAsync();
        ExamWriteOutcome archive;
        try
        {
            fixture.Sandbox.Config.Update(s => s with { ErrorRate = 1, FaultPaths = $"mock_exams/{examId},mock_exams/batch/archive" });
            var booking = exam.BookAsync(new BookingRequest(
                contactId, $"STU-{contactId}", "Ada Lovelace", $"ada{contactId}@example.com", "right", "Toronto", null, null), WriteScenario.Token);
            archive = await exam.ArchiveAsync(WriteScenario.Token);
            var outcome = await booking;
            Assert.True(outcome.Booking is not null, $"not booked: {outcome.Rejection} {outcome.Detail}");
        }
        finally
        {
            fixture.StopFaults();
        }

        Assert.True(archive.Exam is null, "HubSpot answered the archive only with 5xx: it was not confirmed");
        await WriteScenario.EventuallyAsync(async () => await _scenario.HubSpotTotalBookingsAsync(examId) == "1",
            "HubSpot's total_bookings counts the booking of the exam HubSpot still holds", seconds: 20);
    }

    public void Dispose() => _scenario.Dispose();
}
