using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MockExams.Exams;
using MockExams.Tests.Fixtures;

namespace MockExams.Tests.Writes;

/// <summary>The exam grain's contract with the sync (issue 7): remote changes and force sync through its write queue.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RemoteChangeTests(ClusterFixture fixture) : IDisposable
{
    private readonly WriteScenario _scenario = new(fixture);

    private static CancellationToken Token => WriteScenario.Token;

    [Fact]
    public async Task ApplyRemoteChanges_OlderVersion_NeverOverwritesNewer()
    {
        var examId = await _scenario.CreateExamAsync(capacity: 5);
        var grain = fixture.Grains.GetGrain<IMockExamGrain>(examId);
        var stored = await _scenario.ScalarAsync<DateTime>("select hs_last_modified_at from public.hubspot_mock_exams where hubspot_id = $1", examId);
        var record = new ExamRecord(examId, "Remote", "Situational Judgment", new DateOnly(2030, 6, 1), "09:00", "12:00",
            "Toronto", 1, 0, true, null, new DateTimeOffset(stored, TimeSpan.Zero), false);

        await grain.ApplyRemoteChangesAsync(new RemoteChanges(record with { Capacity = 99, LastModifiedAt = record.LastModifiedAt.AddHours(-1) }, []), Token);
        var afterOlder = await _scenario.ScalarAsync<int>("select capacity from public.hubspot_mock_exams where hubspot_id = $1", examId);
        await grain.ApplyRemoteChangesAsync(new RemoteChanges(record with { LastModifiedAt = record.LastModifiedAt.AddHours(1) }, []), Token);
        var booked = await _scenario.BookAsync(examId, await _scenario.CreateContactAsync());
        var full = await _scenario.BookAsync(examId, await _scenario.CreateContactAsync());

        Assert.Equal(5, afterOlder);
        Assert.Equal(1, await _scenario.ScalarAsync<int>("select capacity from public.hubspot_mock_exams where hubspot_id = $1", examId));
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        Assert.Equal("exam_full", await WriteScenario.ReasonAsync(full));
    }

    [Fact]
    public async Task ApplyRemoteChanges_ArchivedExam_SoftDeletedAndClosed()
    {
        var examId = await _scenario.CreateExamAsync(capacity: 5);
        var exam = await _scenario.Api.GetFromJsonAsync<JsonElement>($"/api/mock-exams/{examId}", Token);
        var modified = exam.GetProperty("exam").GetProperty("hs_last_modified_at").GetDateTimeOffset();
        var archived = new ExamRecord(examId, "Gone", "Situational Judgment", new DateOnly(2030, 6, 1), null, null, "Toronto", 5, 0,
            true, null, modified.AddSeconds(1), Archived: true);

        await fixture.Grains.GetGrain<IMockExamGrain>(examId).ApplyRemoteChangesAsync(new RemoteChanges(archived, []), Token);
        var read = await _scenario.Api.GetAsync($"/api/mock-exams/{examId}", Token);
        var booking = await _scenario.BookAsync(examId, await _scenario.CreateContactAsync());

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal("exam_archived", await WriteScenario.ReasonAsync(booking));
    }

    [Fact]
    public async Task ForceSync_AfterAnEditInHubSpot_ReplicaMatchesHubSpot()
    {
        var examId = await _scenario.CreateExamAsync(capacity: 5);
        Assert.Equal(HttpStatusCode.Created, (await _scenario.BookAsync(examId, await _scenario.CreateContactAsync())).StatusCode);
        using var sandbox = fixture.Sandbox.CreateClient();
        var edit = await sandbox.PatchAsJsonAsync($"/__sandbox/objects/mock_exams/{examId}",
            new { properties = new Dictionary<string, string> { ["capacity"] = "8", ["location"] = "Calgary" } }, Token);
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);

        var outcome = await fixture.Grains.GetGrain<IMockExamGrain>(examId).ForceSyncAsync(Token);

        Assert.Equal(new ForceSyncOutcome(true, 1), outcome);
        Assert.Equal(8, await _scenario.ScalarAsync<int>("select capacity from public.hubspot_mock_exams where hubspot_id = $1", examId));
        Assert.Equal("Calgary", await _scenario.ScalarAsync<string>("select location from public.hubspot_mock_exams where hubspot_id = $1", examId));
        Assert.Equal(1, await _scenario.ReplicaTotalBookingsAsync(examId));
    }

    public void Dispose() => _scenario.Dispose();
}
