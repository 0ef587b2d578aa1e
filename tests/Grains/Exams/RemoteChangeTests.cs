using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MockExams.Exams;
using MockExams.Tests.Fixtures;

namespace MockExams.Tests.Grains.Exams;

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

    /// <summary>
    /// The incremental sync or reconcile can read a search result from before an archive made through the api (search
    /// lags writes by seconds): applied after the archive, it must not bring the exam back.
    /// </summary>
    [Fact]
    public async Task Archive_ThenSyncAppliesTheExamAsSearchSawItBefore_StaysArchived()
    {
        var examId = await _scenario.CreateExamAsync(capacity: 5);
        var exam = await _scenario.Api.GetFromJsonAsync<JsonElement>($"/api/mock-exams/{examId}", Token);
        var modified = exam.GetProperty("exam").GetProperty("hs_last_modified_at").GetDateTimeOffset();
        var seenBySearch = new ExamRecord(examId, "Before the archive", "Situational Judgment", new DateOnly(2030, 6, 1), "09:00", "12:00",
            "Toronto", 5, 0, true, null, modified, false);

        Assert.True((await _scenario.Api.DeleteAsync($"/api/mock-exams/{examId}", Token)).IsSuccessStatusCode);
        await fixture.Grains.GetGrain<IMockExamGrain>(examId).ApplyRemoteChangesAsync(new RemoteChanges(seenBySearch, []), Token);
        var read = await _scenario.Api.GetAsync($"/api/mock-exams/{examId}", Token);
        var booking = await _scenario.BookAsync(examId, await _scenario.CreateContactAsync());

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal("exam_archived", await WriteScenario.ReasonAsync(booking));
        Assert.Equal(1L, await _scenario.ScalarAsync<long>(
            "select count(*) from public.hubspot_mock_exams where hubspot_id = $1 and deleted_at is not null", examId));
    }

    /// <summary>
    /// Staff move a booking to another exam in HubSpot (its mock_exam_id changes): the sync hands it to the new exam,
    /// and the old exam must let it go too: its list, its count and the seat its grain held.
    /// </summary>
    [Fact]
    public async Task ApplyRemoteChanges_BookingMovedToAnotherExam_LeavesTheOldExamsListCountAndSeat()
    {
        var (from, to) = (await _scenario.CreateExamAsync(capacity: 1), await _scenario.CreateExamAsync(capacity: 1));
        var contact = await _scenario.CreateContactAsync();
        using var booked = await _scenario.BookAsync(from, contact);
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var row = await WriteScenario.BookingOf(booked);
        var bookingId = row.GetProperty("booking_id").GetString()!;
        Assert.Contains(bookingId, await BookingsOfAsync(from));   // the old exam's list is now cached
        var moved = new BookingRecord(row.GetProperty("hubspot_id").GetString()!, bookingId, to, contact, $"STU-{contact}",
            "Moved Student", $"m{contact}@example.com", BookingStatuses.Booked, true, null, "Toronto", new DateOnly(2030, 6, 1),
            "right", null, DateTimeOffset.UtcNow.AddMinutes(1), false);

        await fixture.Grains.GetGrain<IMockExamGrain>(to).ApplyRemoteChangesAsync(new RemoteChanges(null, [moved]), Token);

        await WriteScenario.EventuallyAsync(async () => !(await BookingsOfAsync(from)).Contains(bookingId), "the old exam's list drops the booking");
        Assert.Contains(bookingId, await BookingsOfAsync(to));
        Assert.Equal(0, await _scenario.ReplicaTotalBookingsAsync(from));
        Assert.Equal(1, await _scenario.ReplicaTotalBookingsAsync(to));
        using var next = await _scenario.BookAsync(from, await _scenario.CreateContactAsync());   // the seat it held is free
        Assert.Equal(HttpStatusCode.Created, next.StatusCode);
    }

    private Task<string> BookingsOfAsync(string examId) => _scenario.Api.GetStringAsync($"/api/mock-exams/{examId}/bookings", Token);

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
