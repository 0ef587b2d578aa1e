using System.Net.Http.Json;
using MockExams.Sync;
using MockExams.Tests.Fixtures;
using static MockExams.Tests.Grains.Sync.SyncTestKit;

namespace MockExams.Tests.Grains.Sync;

[Collection(SyncCollection.Name)]
public sealed class StartupBackfillTests(PollingSyncFixture fixture)
{
    [Fact]
    public async Task SiloStart_EmptyReplica_BackfillsEverythingHubSpotHolds()
    {
        using var api = fixture.CreateClient("exams.view");

        await EventuallyAsync(async () =>
        {
            var status = await api.GetFromJsonAsync<SyncStatus>("/api/admin/sync/status", ApiJson.Options, Token);
            return status!.ObjectTypes.All(t => t.LastBackfillAt is not null && !t.BackfillUnfinished);
        }, TimeSpan.FromSeconds(60), "the silos' own backfill of the empty replica finished");

        var after = await api.GetFromJsonAsync<SyncStatus>("/api/admin/sync/status", ApiJson.Options, Token);
        var bookings = after!.ObjectTypes.Single(t => t.ObjectType == SyncObjectTypes.Bookings);
        Assert.True(bookings.LiveRows >= PollingSyncFixture.SeededExams * PollingSyncFixture.SeededBookingsPerExam);
        await AssertReplicaMatchesAsync(fixture.Sandbox, fixture.Database.DataSource, ExamType);
        await AssertReplicaMatchesAsync(fixture.Sandbox, fixture.Database.DataSource, BookingType);
    }
}
