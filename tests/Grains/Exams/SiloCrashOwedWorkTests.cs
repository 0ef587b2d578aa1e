using System.Net;
using MockExams.Exams;
using MockExams.Sandbox.Configuration;
using MockExams.Tests.Fixtures;

namespace MockExams.Tests.Grains.Exams;

/// <summary>
/// Promise 3 when nobody comes back: an exam whose silo crashes while it still owes HubSpot its coalesced
/// total_bookings is woken by its reminder on the surviving silo and settles, with no client, sync or webhook
/// calling it again.
/// </summary>
public sealed class SiloCrashOwedWorkTests(SiloCrashOwedWorkTests.Fixture fixture) : IClassFixture<SiloCrashOwedWorkTests.Fixture>
{
    private const int Booked = 3;

    /// <summary>Its own cluster (the test kills a silo); HubSpot's total waits 5 minutes, so the push is owed at the crash.</summary>
    public sealed class Fixture() : ClusterFixture(
        new Dictionary<string, string?>
        {
            ["Sync:Enabled"] = "false",
            ["ExamWrites:TotalBookingsDelay"] = "00:05:00",
            ["ExamWrites:TotalBookingsMaxLag"] = "00:05:00",
        },
        new SandboxSettings { LatencyMs = 50 });

    [Fact]
    public async Task TotalBookings_SiloCrashesWithThePushOwedAndNobodyCallsTheExam_TheReminderWakesItToPush()
    {
        using var scenario = new WriteScenario(fixture);
        var examId = await scenario.CreateExamAsync(capacity: 10);
        for (var i = 0; i < Booked; i++)
        {
            using var response = await scenario.BookAsync(examId, await scenario.CreateContactAsync());
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        Assert.Equal(Booked, await scenario.ReplicaTotalBookingsAsync(examId));
        Assert.NotEqual($"{Booked}", await scenario.HubSpotTotalBookingsAsync(examId));   // owed: coalesced for 5 minutes
        var host = await fixture.SiloHostingAsync(fixture.Grains.GetGrain<IMockExamGrain>(examId));
        Assert.NotNull(host);

        await ClusterFixture.KillAsync(host);

        string? observed = null;
        await WriteScenario.EventuallyAsync(
            async () => (observed = await scenario.HubSpotTotalBookingsAsync(examId)) == $"{Booked}",
            $"HubSpot's total_bookings of exam {examId} is {Booked}",
            // The survivor declares the dead silo dead, takes over its reminders, and the reminder's first tick comes
            // a minute after it was registered.
            seconds: 150,
            observed: () => observed ?? "no total_bookings");
    }
}
