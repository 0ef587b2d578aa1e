using MockExams.Cli.Storm;
using MockExams.Tests.Fixtures;

namespace MockExams.Tests.Writes;

/// <summary>
/// The storm of <c>mockexams storm</c>, smaller, inside the test run: two silos, the api, the sandbox; invariants checked
/// against HubSpot's dump, the replica and the api's reads.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class BookingStormTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Storm_MoreStudentsThanSeatsOnTwoSilos_ExactlyCapacityBookedNoViolation()
    {
        using var api = fixture.CreateClient("exams.view", "exams.edit", "bookings.manage");
        using var sandbox = fixture.Sandbox.CreateClient();
        var runner = new StormRunner(api, sandbox, fixture.Database.ConnectionString);

        var report = await runner.RunAsync(
            new StormSettings(Exams: 4, Capacity: 10, Requests: 80, Duplicates: 8, Cancels: 3, Concurrency: 88),
            TestContext.Current.CancellationToken);

        Assert.Empty(report.Violations);
        Assert.Equal(40, report.Booked);
        Assert.Equal(48, report.Rejected);
        Assert.Equal(3, report.Cancelled);
        Assert.Equal(0, report.Http429);
        Assert.Equal(0, report.RetryLater);
        Assert.True(report.HubSpotCalls < 30, $"{report.HubSpotCalls} HubSpot calls for 88 requests and 3 cancels");
    }
}
