using System.Text;
using System.Text.Json;
using MockExams.Exams;
using MockExams.Tests.Fixtures;

namespace MockExams.Tests.Grains.Exams;

/// <summary>
/// No stale write-back: a fill whose replica read ran before a write, and whose answer arrives after it, never
/// becomes what later readers see. The replica's answer to the fill's query is held back in a proxy to open that
/// window, and a write runs inside it on another connection.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ReadRaceTests(ProxiedClusterFixture fixture) : IClassFixture<ProxiedClusterFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Bookings_WriteDuringASlowFill_FillIsDroppedAndReadersAfterTheWriteSeeIt()
    {
        var examId = await ReadRows.InsertExamWithBookingsAsync(fixture.Database.DataSource, 2);
        using var client = fixture.CreateClient("exams.view");
        await client.GetStringAsync($"/api/mock-exams/{examId}", Cancel);   // activates the grain, opens a pooled connection
        var exam = fixture.Grains.GetGrain<IMockExamGrain>(examId);

        string raced, lateReader, lateApiReader;
        using var queries = SiloCounter.ReplicaQueries(fixture.SiloServices, "bookings");
        fixture.ReplicaProxy.HoldNextResponse();
        try
        {
            var slowRead = client.GetStringAsync($"/api/mock-exams/{examId}/bookings", Cancel);
            await fixture.ReplicaProxy.ResponseHeld.WaitAsync(Patience, Cancel);

            // A real write through the grain's queue: write version bumped, replica committed, keys invalidated.
            await exam.ApplyRemoteChangesAsync(new RemoteChanges(null, [RemoteChangeRecords.Booking(examId)]), Cancel);
            // Asks the grain after the write was answered: it must not share the fill that read the rows from before
            // it, so it sends a query of its own (had it joined the held fill, this wait would time out). Asked of
            // the grain itself: through the api it would wait for the api's check in flight (FollowingChecks).
            var lateRead = exam.GetBookingsAsync(BookingStatusFilter.All, cancellationToken: Cancel);
            await WaitUntilAsync(() => queries.Count == 2);
            lateReader = Encoding.UTF8.GetString((await lateRead).Body!.Utf8);

            // Through the api, a read arriving now waits for the held check to end, then gets a check of its own.
            var lateApiRead = client.GetStringAsync($"/api/mock-exams/{examId}/bookings", Cancel);
            fixture.ReplicaProxy.ReleaseResponses();
            raced = await slowRead;
            lateApiReader = await lateApiRead;
        }
        finally
        {
            fixture.ReplicaProxy.ReleaseResponses();
        }

        Assert.Equal(2, BookingCount(raced));           // the slow fill really read the rows from before the write...
        Assert.Equal(3, BookingCount(lateReader));      // ...the reader after the write did not get them...
        Assert.Equal(3, BookingCount(lateApiReader));   // ...nor did one that waited behind it in the api...
        Assert.Equal(3, BookingCount(await client.GetStringAsync($"/api/mock-exams/{examId}/bookings", Cancel)));
        var cached = await fixture.Redis.Database.StringGetAsync($"{fixture.Redis.KeyPrefix}exam:{examId}:bookings:all");
        Assert.Equal(3, BookingCount(cached));       // ...and neither did Redis.
    }

    [Fact]
    public async Task Exam_InvalidationDuringASlowFill_NeitherRedisNorTheGrainKeepThePreWriteBody()
    {
        // Only the replica commit and the invalidation, no write version: the invalidation alone voids the fill.
        var db = fixture.Database.DataSource;
        var examId = await ReadRows.InsertExamAsync(db, ReadRows.NewLocation(), name: "Before");
        using var client = fixture.CreateClient("exams.view");
        await client.GetStringAsync($"/api/mock-exams/{examId}/bookings", Cancel);   // activates the grain, opens a pooled connection

        string raced;
        fixture.ReplicaProxy.HoldNextResponse();
        try
        {
            var slowRead = client.GetStringAsync($"/api/mock-exams/{examId}", Cancel);
            await fixture.ReplicaProxy.ResponseHeld.WaitAsync(Patience, Cancel);

            await ReadRows.RenameExamAsync(db, examId, "After");
            await fixture.Cache.InvalidateExamAsync(examId);

            fixture.ReplicaProxy.ReleaseResponses();
            raced = await slowRead;
        }
        finally
        {
            fixture.ReplicaProxy.ReleaseResponses();
        }

        Assert.Equal("Before", ExamName(raced));
        Assert.False(await fixture.Redis.Database.KeyExistsAsync($"{fixture.Redis.KeyPrefix}exam:{examId}"));
        Assert.Equal("After", ExamName(await client.GetStringAsync($"/api/mock-exams/{examId}", Cancel)));
    }

    [Fact]
    public async Task List_WriteDuringASlowFill_OldFillLandsUnderTheRetiredGeneration()
    {
        var location = ReadRows.NewLocation();
        var examId = await ReadRows.InsertExamAsync(fixture.Database.DataSource, location, name: "Before");
        using var client = fixture.CreateClient("exams.view");
        await client.GetStringAsync($"/api/mock-exams/{examId}", Cancel);   // opens a pooled connection
        var generation = (long)await fixture.Redis.Database.StringGetAsync($"{fixture.Redis.KeyPrefix}catalog:generation");

        string raced;
        fixture.ReplicaProxy.HoldNextResponse();
        try
        {
            var slowRead = client.GetStringAsync($"/api/mock-exams?location={location}", Cancel);
            await fixture.ReplicaProxy.ResponseHeld.WaitAsync(Patience, Cancel);

            await fixture.Grains.GetGrain<IMockExamGrain>(examId).ApplyRemoteChangesAsync(
                new RemoteChanges(RemoteChangeRecords.Exam(examId, location, "After"), []), Cancel);

            fixture.ReplicaProxy.ReleaseResponses();
            raced = await slowRead;
        }
        finally
        {
            fixture.ReplicaProxy.ReleaseResponses();
        }

        var after = await client.GetStringAsync($"/api/mock-exams?location={location}", Cancel);

        Assert.Equal("Before", FirstListedName(raced));
        Assert.Equal("After", FirstListedName(after));
        var retired = await fixture.Redis.Database.StringGetAsync(
            $"{fixture.Redis.KeyPrefix}catalog:g{generation}:list:active=*;from=*;to=*;type=*;location={location}:page=1:size=50");
        Assert.Equal("Before", FirstListedName(retired!));   // it landed, but under a generation nobody reads any more
    }

    private static int BookingCount(string? body) =>
        JsonDocument.Parse(body!).RootElement.GetProperty("bookings").GetArrayLength();

    private static string? ExamName(string body) =>
        JsonDocument.Parse(body).RootElement.GetProperty("exam").GetProperty("mock_exam_name").GetString();

    private static string? FirstListedName(string body) =>
        JsonDocument.Parse(body).RootElement.GetProperty("exams")[0].GetProperty("mock_exam_name").GetString();

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
