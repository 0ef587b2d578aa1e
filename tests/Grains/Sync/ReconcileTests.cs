using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MockExams.Tests.Fixtures;
using static MockExams.Tests.Grains.Sync.SyncTestKit;

namespace MockExams.Tests.Grains.Sync;

[Collection(SyncCollection.Name)]
public sealed class ReconcileTests(QuietSyncFixture fixture) : IDisposable
{
    private readonly HttpClient _admin = fixture.CreateClient("exams.view", "exams.edit");

    [Fact]
    public async Task Reconcile_InjectedDrift_ReportsEachKindThenRepairsIt()
    {
        // No webhooks and no polling here: only reconcile can notice what HubSpot and the replica disagree on. Search
        // shows no record younger than its lag, so neither can a sweep: that window belongs to polling and webhooks.
        await fixture.UnsubscribeWebhooksAsync();
        await SetConfigAsync(fixture.Sandbox, new { searchLagMs = 0 });
        var archivedExam = await CreateAsync(fixture.Sandbox, ExamType, NewExam("Will be archived in HubSpot"));
        var staleExam = await CreateAsync(fixture.Sandbox, ExamType, NewExam("Will go stale"));
        var deletedBooking = await CreateAsync(fixture.Sandbox, BookingType, NewBooking(staleExam));
        await RunAsync(repair: true);   // the replica now matches HubSpot
        var data = fixture.Database.DataSource;
        await ExecuteAsync(data, "delete from public.hubspot_bookings where hubspot_id = $1", deletedBooking);
        await ExecuteAsync(data, """
            update public.hubspot_mock_exams
            set mock_exam_name = 'Stale name', hs_last_modified_at = hs_last_modified_at - interval '1 hour'
            where hubspot_id = $1
            """, staleExam);
        await ArchiveAsync(fixture.Sandbox, ExamType, archivedExam);
        var extraExam = await ReplicaRows.InsertExamAsync(data);

        var found = await RunAsync(repair: false);

        Assert.Equal([deletedBooking], Ids(found, "bookings", "missing"));
        Assert.Equal([staleExam], Ids(found, "mock_exams", "stale"));
        Assert.Equal([archivedExam], Ids(found, "mock_exams", "archivedButLive"));
        Assert.Equal([extraExam], Ids(found, "mock_exams", "extra"));
        Assert.Equal(0, Count(found, "mock_exams", "repaired"));

        var repaired = await RunAsync(repair: true);

        Assert.Equal(3, Count(repaired, "mock_exams", "repaired"));
        Assert.Equal(1, Count(repaired, "bookings", "repaired"));
        Assert.Equal("Will go stale", await ScalarAsync<string>(data, "select mock_exam_name from public.hubspot_mock_exams where hubspot_id = $1", staleExam));
        Assert.True(await ScalarAsync<bool>(data, "select deleted_at is null from public.hubspot_bookings where hubspot_id = $1", deletedBooking));
        Assert.True(await ScalarAsync<bool>(data, "select deleted_at is not null from public.hubspot_mock_exams where hubspot_id = $1", archivedExam));
        Assert.True(await ScalarAsync<bool>(data, "select deleted_at is not null from public.hubspot_mock_exams where hubspot_id = $1", extraExam));
        // The repairs changed seat counts, so the exam grains push total_bookings to HubSpot a moment later: newer
        // versions of those exams there. Once the replica holds HubSpot's newest exams (force sync), nothing drifts.
        await EventuallyAsync(async () =>
        {
            (await _admin.PostAsync("/api/admin/sync/force-supabase?type=exams", null, Token)).EnsureSuccessStatusCode();
            var hubSpot = await DumpAsync(fixture.Sandbox, ExamType);
            var replica = await ReplicaAsync(data, ExamType);
            return hubSpot.All(h => h.Value.Archived || (replica.TryGetValue(h.Key, out var r) && r.Modified == h.Value.Modified));
        }, TimeSpan.FromSeconds(30), "the replica holds HubSpot's newest exams");
        var clean = await RunAsync(repair: false);
        Assert.All(["mock_exams", "bookings"], t => Assert.Equal(0, Drift(clean, t)));
        await SetConfigAsync(fixture.Sandbox, new { searchLagMs = 1_000 });
    }

    private async Task<JsonElement> RunAsync(bool repair)
    {
        var started = await _admin.PostAsync($"/api/admin/sync/reconcile?repair={(repair ? "true" : "false")}", null, Token);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var runId = (await started.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("run_id").GetInt64();
        JsonElement run = default;
        await EventuallyAsync(async () =>
        {
            run = await _admin.GetFromJsonAsync<JsonElement>($"/api/admin/sync/runs/{runId}", Token);
            return run.GetProperty("status").GetString() != "running";
        }, TimeSpan.FromSeconds(60), $"reconcile run {runId} finished");
        Assert.Equal("succeeded", run.GetProperty("status").GetString());
        return run;
    }

    private static string[] Ids(JsonElement run, string objectType, string kind) =>
        [.. run.GetProperty("details").GetProperty(objectType).GetProperty(kind).EnumerateArray().Select(id => id.GetString()!)];

    private static int Count(JsonElement run, string objectType, string kind) =>
        run.GetProperty("counts").GetProperty(objectType).GetProperty(kind).GetInt32();

    private static int Drift(JsonElement run, string objectType) =>
        Count(run, objectType, "missing") + Count(run, objectType, "extra") + Count(run, objectType, "stale") + Count(run, objectType, "archivedButLive");

    public void Dispose() => _admin.Dispose();
}
