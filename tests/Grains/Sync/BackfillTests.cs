using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using MockExams.Grains.Replica;
using MockExams.Grains.Sync.Backfill;
using MockExams.Sync;
using MockExams.Tests.Fixtures;
using static MockExams.Tests.Grains.Sync.SyncTestKit;

namespace MockExams.Tests.Grains.Sync;

[Collection(SyncCollection.Name)]
public sealed class BackfillTests(QuietSyncFixture fixture)
{
    [Fact]
    public async Task Backfill_KilledMidway_ResumesWithoutDuplicatesOrGaps()
    {
        using var sandbox = fixture.Sandbox.CreateClient();
        (await sandbox.PostAsJsonAsync("/__sandbox/seed", new { exams = 40, bookingsPerExam = 50, randomSeed = 11 }, Token)).EnsureSuccessStatusCode();
        var total = (await DumpAsync(fixture.Sandbox, BookingType)).Count(b => !b.Value.Archived);
        await SetConfigAsync(fixture.Sandbox, new { latencyMs = 100 });
        using var kill = CancellationTokenSource.CreateLinkedTokenSource(Token);
        // Every seeded record is older than this; a record changed after it (another test's exam grain) is not the copy's.
        var copyStarted = DateTimeOffset.UtcNow;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            NewBackfill().RunAsync(new CancelAfterBookings(600, kill), kill.Token));

        var copied = (await ReplicaAsync(fixture.Database.DataSource, BookingType)).Count;
        Assert.InRange(copied, 600, total - 1);
        var state = await new SyncStateStore(fixture.Database.DataSource).ReadAsync(Token);
        Assert.True(state[SyncObjectTypes.Bookings].BackfillUnfinished);

        await SetConfigAsync(fixture.Sandbox, new { latencyMs = 20 });
        var resumed = await NewBackfill().RunAsync(null, Token);

        Assert.True(resumed.Completed);
        Assert.True(resumed.Resumed);
        // It went on from the checkpoint: what it copied again is at most the chunks that were in flight.
        Assert.InRange(resumed.Bookings, total - copied, total - copied + 1_000);
        await AssertReplicaMatchesAsync(fixture.Sandbox, fixture.Database.DataSource, ExamType, copyStarted);
        await AssertReplicaMatchesAsync(fixture.Sandbox, fixture.Database.DataSource, BookingType, copyStarted);
        state = await new SyncStateStore(fixture.Database.DataSource).ReadAsync(Token);
        Assert.All(SyncObjectTypes.All, t => Assert.False(state[t].BackfillUnfinished));
        Assert.All(SyncObjectTypes.All, t => Assert.NotNull(state[t].LastBackfillAt));
    }

    [Fact]
    public async Task Backfill_WhileAnotherRuns_IsRefusedByTheLease()
    {
        var leases = new SyncLeases(fixture.Database.DataSource);
        Assert.True(await leases.TryAcquireAsync(BackfillService.LeaseName, "another-process", TimeSpan.FromMinutes(1), Token));
        try
        {
            var summary = await NewBackfill().RunAsync(null, Token);

            Assert.False(summary.Completed);
            Assert.Equal("another-process", summary.Holder);
        }
        finally
        {
            await leases.ReleaseAsync(BackfillService.LeaseName, "another-process", Token);
        }
    }

    [Fact]
    public async Task BackfillInTheSyncGrain_ExamServedFromAStaleCopy_IsServedFreshRightAfter()
    {
        using var admin = fixture.CreateClient("exams.view", "exams.edit");
        var examId = await CreateAsync(fixture.Sandbox, ExamType, NewExam("Name in HubSpot"));
        Assert.True((await NewBackfill().RunAsync(null, Token)).Completed);
        await ExecuteAsync(fixture.Database.DataSource, """
            update public.hubspot_mock_exams set mock_exam_name = 'Stale name', hs_last_modified_at = hs_last_modified_at - interval '1 hour'
            where hubspot_id = $1
            """, examId);
        await fixture.Redis.Database.KeyDeleteAsync($"{fixture.Redis.KeyPrefix}exam:{examId}");
        Assert.Equal("Stale name", (await GetExamAsync(admin, examId))!.Value.GetProperty("mock_exam_name").GetString());
        var before = (await new SyncStateStore(fixture.Database.DataSource).ReadAsync(Token))[SyncObjectTypes.Exams].LastBackfillAt;

        var started = await admin.PostAsync("/api/admin/sync/backfill", null, Token);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, started.StatusCode);
        await EventuallyAsync(async () =>
        {
            var status = await admin.GetFromJsonAsync<SyncStatus>("/api/admin/sync/status", ApiJson.Options, Token);
            return !status!.BackfillRunning && status.ObjectTypes.All(t => t.LastBackfillAt > before);
        }, TimeSpan.FromSeconds(60), "the sync grain's backfill finished");

        // The exam grain held the stale answer in memory; the sync grain told it to reload after the copy.
        await EventuallyAsync(
            async () => (await GetExamAsync(admin, examId))!.Value.GetProperty("mock_exam_name").GetString() == "Name in HubSpot",
            TimeSpan.FromSeconds(2), "the exam is served as HubSpot holds it");
    }

    // A new service each time, as a new CLI process would have (the silo's own DI wiring).
    private BackfillService NewBackfill() => fixture.Silos[0].Services.GetRequiredService<BackfillService>();

    private sealed class CancelAfterBookings(long bookings, CancellationTokenSource kill) : IProgress<BackfillProgress>
    {
        public void Report(BackfillProgress value)
        {
            if (value.BookingsWritten >= bookings)
            {
                kill.Cancel();
            }
        }
    }
}
