using System.Net.Http.Json;
using MockExams.Sync;
using MockExams.Tests.Fixtures;
using static MockExams.Tests.Grains.Sync.SyncTestKit;

namespace MockExams.Tests.Grains.Sync;

/// <summary>
/// Changes made directly in HubSpot reach the api through incremental sync alone (this fixture has no webhook
/// subscription): within one polling interval plus HubSpot's search lag, plus the time one pass takes.
/// </summary>
[Collection(SyncCollection.Name)]
public sealed class PollingTests(PollingSyncFixture fixture) : IDisposable
{
    // One pass (searches, the recycle-bin list, the exam grain's write) and the timer's own re-arming, generously.
    private static readonly TimeSpan PassAllowance = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan Bound =
        TimeSpan.FromSeconds(PollingSyncFixture.IntervalSeconds) + TimeSpan.FromMilliseconds(PollingSyncFixture.SearchLagMs) + PassAllowance;

    private readonly HttpClient _api = fixture.CreateClient("exams.view");

    [Fact]
    public async Task OutOfBandExamEdit_ReachesApiByPolling_WithinIntervalPlusSearchLag()
    {
        var examId = await KnownExamAsync();
        var name = $"Renamed in HubSpot {Guid.NewGuid():N}"[..30];

        await UpdateAsync(fixture.Sandbox, ExamType, examId, new() { ["mock_exam_name"] = name });
        var took = await EventuallyAsync(
            async () => (await GetExamAsync(_api, examId))?.GetProperty("mock_exam_name").GetString() == name,
            TimeSpan.FromSeconds(30), "the renamed exam is served by the api");

        Assert.True(took <= Bound, $"took {took.TotalSeconds:N1} s, more than {Bound.TotalSeconds:N1} s");
    }

    [Fact]
    public async Task OutOfBandExamCreate_ReachesApiByPolling_WithinIntervalPlusSearchLag()
    {
        await KnownExamAsync();

        var examId = await CreateAsync(fixture.Sandbox, ExamType, NewExam("Created in HubSpot"));
        var took = await EventuallyAsync(async () => await GetExamAsync(_api, examId) is not null,
            TimeSpan.FromSeconds(30), "the exam created in HubSpot is served by the api");

        Assert.True(took <= Bound, $"took {took.TotalSeconds:N1} s, more than {Bound.TotalSeconds:N1} s");
        Assert.Equal("Created in HubSpot", (await GetExamAsync(_api, examId))!.Value.GetProperty("mock_exam_name").GetString());
    }

    [Fact]
    public async Task OutOfBandExamArchive_ReachesApiByPolling_WithinIntervalPlusSearchLag()
    {
        var examId = await KnownExamAsync();

        await ArchiveAsync(fixture.Sandbox, ExamType, examId);
        var took = await EventuallyAsync(async () => await GetExamAsync(_api, examId) is null,
            TimeSpan.FromSeconds(30), "the exam archived in HubSpot is gone from the api");

        Assert.True(took <= Bound, $"took {took.TotalSeconds:N1} s, more than {Bound.TotalSeconds:N1} s");
        Assert.True(await ScalarAsync<bool>(fixture.Database.DataSource,
            "select deleted_at is not null from public.hubspot_mock_exams where hubspot_id = $1", examId));
    }

    [Fact]
    public async Task OutOfBandBookingCreate_ReachesReplicaAndExamCountByPolling()
    {
        var examId = await KnownExamAsync();
        var before = (await GetExamAsync(_api, examId))!.Value.GetProperty("total_bookings").GetInt32();

        var bookingId = await CreateAsync(fixture.Sandbox, BookingType, NewBooking(examId));
        var took = await EventuallyAsync(
            async () => (await GetExamAsync(_api, examId))!.Value.GetProperty("total_bookings").GetInt32() == before + 1,
            TimeSpan.FromSeconds(30), "the booking made in HubSpot counts in the exam the api serves");

        Assert.True(took <= Bound, $"took {took.TotalSeconds:N1} s, more than {Bound.TotalSeconds:N1} s");
        Assert.Equal(examId, await ScalarAsync<string>(fixture.Database.DataSource,
            "select mock_exam_id from public.hubspot_bookings where hubspot_id = $1 and deleted_at is null", bookingId));
    }

    // A live exam the replica already holds (so the silos' start-up backfill has run and polling is on).
    private async Task<string> KnownExamAsync()
    {
        await EventuallyAsync(async () =>
        {
            var status = await _api.GetFromJsonAsync<SyncStatus>("/api/admin/sync/status", ApiJson.Options, Token);
            return status!.ObjectTypes.All(t => t.LastIncrementalAt is not null);
        }, TimeSpan.FromSeconds(60), "the first backfill finished and incremental sync ran");
        var examId = await CreateAsync(fixture.Sandbox, ExamType, NewExam($"Known {Guid.NewGuid():N}"[..20]));
        await EventuallyAsync(async () => await GetExamAsync(_api, examId) is not null, TimeSpan.FromSeconds(30), "a fresh exam reached the api");
        return examId;
    }

    public void Dispose() => _api.Dispose();
}
