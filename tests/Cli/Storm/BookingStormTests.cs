using MockExams.Cli.Storm;
using MockExams.Sandbox.Crm;
using MockExams.Tests.Fixtures;

namespace MockExams.Tests.Cli.Storm;

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
        Assert.Equal(0, report.OverCapacityExams);
        Assert.InRange(report.BookingCreateCalls, 1, 40);
        Assert.Equal(Math.Round(40.0 / report.BookingCreateCalls, 1), report.BookingsPerCreateCall);
        Assert.InRange(report.HubSpotCallsDuringRush, report.BookingCreateCalls, report.HubSpotCalls);
    }

    [Fact]
    public async Task Storm_HubSpotHeldOneExamOverCapacityForAMoment_IsAViolationThoughTheEndStateIsRight()
    {
        using var api = fixture.CreateClient("exams.view", "exams.edit", "bookings.manage");
        using var sandbox = fixture.Sandbox.CreateClient();
        var store = fixture.Sandbox.Store;
        var examsBefore = store.SeatMarks().Select(m => m.ExamId).ToHashSet();
        string? overbooked = null;
        // Once the rush is answered, someone in HubSpot's UI adds a booking to a full exam of the storm and removes it again.
        var runner = new StormRunner(api, sandbox, fixture.Database.ConnectionString, message =>
        {
            if (overbooked is null && message.StartsWith("waiting for HubSpot", StringComparison.Ordinal))
            {
                var full = store.SeatMarks().First(m => !examsBefore.Contains(m.ExamId) && m.Capacity == 3 && m.Active == 3);
                overbooked = full.ExamId;
                var extra = store.Create(store.Types.Bookings, [new WriteRequest(new Dictionary<string, string?>
                {
                    ["booking_id"] = $"UI-{Guid.NewGuid():N}", ["mock_exam_id"] = full.ExamId, ["is_active"] = "true",
                })], ChangeSource.CrmUi).Results[0].Record!;
                store.Archive(store.Types.Bookings, [(extra.Id.ToString(), null)], ChangeSource.CrmUi);
            }
        });

        var report = await runner.RunAsync(
            new StormSettings(Exams: 2, Capacity: 3, Requests: 8, Concurrency: 8), TestContext.Current.CancellationToken);

        Assert.NotNull(overbooked);
        Assert.Equal(1, report.OverCapacityExams);
        Assert.Equal(6, report.Booked);
        var violation = Assert.Single(report.Violations);
        Assert.Equal($"exam {overbooked}: HubSpot held 4 active bookings at once with capacity 3", violation);
    }
}
