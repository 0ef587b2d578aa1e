using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MockExams.Exams;
using MockExams.Grains.Cache;
using MockExams.Tests.Fixtures;
using StackExchange.Redis;

namespace MockExams.Tests.Grains.Cache;

/// <summary>
/// Cache-aside: Redis holds the exact response bytes under a key per exam response and per normalized filter,
/// with a jittered TTL; an invalidation removes every response of an exam and retires every list and aggregate.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ReadCacheTests(ReadClusterFixture fixture) : IClassFixture<ReadClusterFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private IDatabase Redis => fixture.Redis.Database;

    [Fact]
    public async Task Bookings_FirstRead_StoresTheWholeListWithJitteredTtl()
    {
        var examId = await ReadRows.InsertExamWithBookingsAsync(fixture.Database.DataSource, 3);
        using var client = fixture.CreateClient("exams.view");

        var response = await client.GetFromJsonAsync<JsonElement>($"/api/mock-exams/{examId}/bookings?page_size=2", Cancel);

        var key = $"{fixture.Redis.KeyPrefix}exam:{examId}:bookings:all";
        var stored = JsonDocument.Parse((byte[])(await Redis.StringGetAsync(key))!).RootElement.GetProperty("bookings");
        Assert.Equal(3, stored.GetArrayLength());
        Assert.Equal(stored.EnumerateArray().Take(2).Select(b => b.GetRawText()),
            response.GetProperty("bookings").EnumerateArray().Select(b => b.GetRawText()));
        var ttl = await Redis.KeyTimeToLiveAsync(key);
        Assert.InRange(ttl!.Value.TotalSeconds, 269, 330);
    }

    [Fact]
    public async Task Exam_RedisHit_AnswersTheStoredBytesUntouched()
    {
        // Bytes no replica row could produce: if the api or the grain parsed or rebuilt JSON, they would differ.
        var examId = await ReadRows.InsertExamAsync(fixture.Database.DataSource, ReadRows.NewLocation());
        var stored = Encoding.UTF8.GetBytes("""{"success":true,"exam":{"planted":"by the test","n":   1}}""");
        await Redis.StringSetAsync($"{fixture.Redis.KeyPrefix}exam:{examId}", stored, TimeSpan.FromMinutes(1));
        using var client = fixture.CreateClient("exams.view");
        using var queries = SiloCounter.ReplicaQueries(fixture.SiloServices, "exam");

        var response = await client.GetByteArrayAsync($"/api/mock-exams/{examId}", Cancel);

        Assert.Equal(stored, response);
        Assert.Equal(0, queries.Count);
    }

    [Fact]
    public async Task Bookings_RepeatedReads_QueryTheReplicaOnceAndAnswerFromTheGrainsCopy()
    {
        var examId = await ReadRows.InsertExamWithBookingsAsync(fixture.Database.DataSource, 2);
        using var client = fixture.CreateClient("exams.view");
        using var queries = SiloCounter.ReplicaQueries(fixture.SiloServices, "bookings");
        using var memoryHits = SiloCounter.CacheLookups(fixture.SiloServices, "memory");

        var first = await client.GetByteArrayAsync($"/api/mock-exams/{examId}/bookings", Cancel);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(first, await client.GetByteArrayAsync($"/api/mock-exams/{examId}/bookings", Cancel));
        }

        Assert.Equal(1, queries.Count);
        Assert.Equal(5, memoryHits.Count);
    }

    [Fact]
    public async Task Bookings_CallerNamingTheCopyItHolds_GetsNoBodyUntilTheExamChanges()
    {
        var db = fixture.Database.DataSource;
        var examId = await ReadRows.InsertExamWithBookingsAsync(db, 2);
        var exam = fixture.Grains.GetGrain<IMockExamGrain>(examId);

        var first = await exam.GetBookingsAsync(BookingStatusFilter.All, cancellationToken: Cancel);
        var again = await exam.GetBookingsAsync(BookingStatusFilter.All, first.CopyId, Cancel);
        var stranger = await exam.GetBookingsAsync(BookingStatusFilter.All, Guid.NewGuid(), Cancel);
        await ReadRows.InsertBookingAsync(db, examId, minute: 9);
        await fixture.InvalidateLikeTheWritePathAsync(examId);
        var afterWrite = await exam.GetBookingsAsync(BookingStatusFilter.All, first.CopyId, Cancel);

        Assert.NotNull(first.CopyId);
        Assert.Equal(2, BookingCount(first.Body!));
        Assert.True(again.Unchanged);
        Assert.Equal(first.CopyId, again.CopyId);
        Assert.Equal(first.Body!.Utf8, stranger.Body!.Utf8);
        Assert.False(afterWrite.Unchanged);
        Assert.Equal(3, BookingCount(afterWrite.Body!));
        Assert.NotEqual(first.CopyId, afterWrite.CopyId);
    }

    [Fact]
    public async Task Bookings_EachStatus_HasItsOwnKey()
    {
        var examId = await ReadRows.InsertExamWithBookingsAsync(fixture.Database.DataSource, 1);
        using var client = fixture.CreateClient("exams.view");

        foreach (var status in new[] { "", "active", "cancelled", "all", "ACTIVE" })
        {
            await client.GetByteArrayAsync($"/api/mock-exams/{examId}/bookings?status={status}", Cancel);
        }

        var keys = await KeysAsync($"exam:{examId}:*");
        Assert.Equal(["active", "all", "cancelled"], keys.Select(key => key[(key.LastIndexOf(':') + 1)..]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task List_DistinctFilters_GetDistinctKeys_EquivalentSpellingsShareOne()
    {
        var location = ReadRows.NewLocation();
        await ReadRows.InsertExamAsync(fixture.Database.DataSource, location, new DateOnly(2027, 8, 1));
        await ReadRows.InsertExamAsync(fixture.Database.DataSource, location, new DateOnly(2027, 8, 2), active: false);
        using var client = fixture.CreateClient("exams.view");
        using var queries = SiloCounter.ReplicaQueries(fixture.SiloServices, "exam-list");
        string[][] spellings =
        [
            [$"location={location}", $"location=%20{location}%20", $"location={location}&page=1&page_size=50", $"page_size=50&location={location}&is_active="],
            [$"location={location}&is_active=true", $"is_active=TRUE&location={location}", $"location={location}&is_active=True&mock_type="],
            [$"location={location}&is_active=false"],
            [$"location={location}&startDate=2027-08-02"],
            [$"location={location}&endDate=2027-08-02"],
            [$"location={location}&mock_type=Situational%20Judgment"],
            [$"location={location}&page=2"],
            [$"location={location}&page_size=1", $"location={location}&page_size=01"],
            [$"location={location}&page_size=1&page=2"],
        ];

        var totals = new List<int>();
        foreach (var group in spellings)
        {
            var bodies = new List<string>();
            foreach (var query in group)
            {
                bodies.Add(await client.GetStringAsync($"/api/mock-exams?{query}", Cancel));
            }

            Assert.Single(bodies.Distinct());
            totals.Add(JsonDocument.Parse(bodies[0]).RootElement.GetProperty("total").GetInt32());
        }

        Assert.Equal(spellings.Length, queries.Count);
        Assert.Equal(spellings.Length, (await KeysAsync($"catalog:g*:list:*location={location}*")).Count);
        Assert.Equal([2, 1, 1, 1, 2, 2, 2, 2, 2], totals);
    }

    [Fact]
    public async Task Aggregates_DistinctFilters_GetDistinctKeys()
    {
        var location = ReadRows.NewLocation();
        await ReadRows.InsertExamAsync(fixture.Database.DataSource, location);
        using var client = fixture.CreateClient("exams.view");
        using var queries = SiloCounter.ReplicaQueries(fixture.SiloServices, "exam-aggregates");

        await client.GetStringAsync($"/api/mock-exams/aggregates?location={location}", Cancel);
        await client.GetStringAsync($"/api/mock-exams/aggregates?location={location}&page=3", Cancel);
        await client.GetStringAsync($"/api/mock-exams/aggregates?location={location}&is_active=true", Cancel);
        await client.GetStringAsync($"/api/mock-exams/aggregates?is_active=TRUE&location={location}", Cancel);

        Assert.Equal(2, queries.Count);
        Assert.Equal(2, (await KeysAsync($"catalog:g*:aggregates:*location={location}*")).Count);
    }

    [Fact]
    public async Task InvalidateExam_DeletesEveryResponseOfTheExamAndRetiresListsAndAggregates()
    {
        var location = ReadRows.NewLocation();
        var db = fixture.Database.DataSource;
        var examId = await ReadRows.InsertExamWithBookingsAsync(db, 2, location);
        var otherId = await ReadRows.InsertExamWithBookingsAsync(db, 1, location);
        using var client = fixture.CreateClient("exams.view");
        foreach (var path in new[] { "", "/bookings", "/bookings?status=active", "/bookings?status=cancelled" })
        {
            await client.GetStringAsync($"/api/mock-exams/{examId}{path}", Cancel);
        }

        await client.GetStringAsync($"/api/mock-exams/{otherId}", Cancel);
        await client.GetStringAsync($"/api/mock-exams?location={location}", Cancel);
        await client.GetStringAsync($"/api/mock-exams/aggregates?location={location}", Cancel);
        Assert.Equal(4, (await KeysAsync($"exam:{examId}*")).Count);
        var generation = (long)await Redis.StringGetAsync($"{fixture.Redis.KeyPrefix}catalog:generation");

        await ReadRows.RenameExamAsync(db, examId, "Renamed by a write");
        await fixture.InvalidateLikeTheWritePathAsync(examId);

        Assert.Empty(await KeysAsync($"exam:{examId}*"));
        Assert.Single(await KeysAsync($"exam:{otherId}*"));
        Assert.Equal(generation + 1, (long)await Redis.StringGetAsync($"{fixture.Redis.KeyPrefix}catalog:generation"));
        var exam = await client.GetFromJsonAsync<JsonElement>($"/api/mock-exams/{examId}", Cancel);
        Assert.Equal("Renamed by a write", exam.GetProperty("exam").GetProperty("mock_exam_name").GetString());
        var list = await client.GetFromJsonAsync<JsonElement>($"/api/mock-exams?location={location}", Cancel);
        Assert.Contains(list.GetProperty("exams").EnumerateArray(),
            row => row.GetProperty("mock_exam_name").GetString() == "Renamed by a write");
    }

    [Fact]
    public async Task Exam_InvalidatedByAnotherSilo_GrainStopsServingItsCopy()
    {
        var examId = await ReadRows.InsertExamAsync(fixture.Database.DataSource, ReadRows.NewLocation(), name: "Before");
        using var client = fixture.CreateClient("exams.view");
        using var memoryHits = SiloCounter.CacheLookups(fixture.SiloServices, "memory");
        Assert.Equal("Before", await ExamNameAsync(client, examId));
        Assert.Equal("Before", await ExamNameAsync(client, examId));
        Assert.Equal(1, memoryHits.Count);

        await ReadRows.RenameExamAsync(fixture.Database.DataSource, examId, "After");
        await fixture.InvalidateFromAnotherSiloAsync(examId);

        // The published id reaches the grain's silo a moment later; until then the old copy may still answer.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (await ExamNameAsync(client, examId) != "After")
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    [Fact]
    public async Task NextTtl_SpreadsAroundTheConfiguredTtlWithinTheJitter()
    {
        var cache = fixture.Silos[0].Services.GetRequiredService<ExamCache>();

        var ttls = Enumerable.Range(0, 2_000).Select(_ => cache.NextTtl().TotalSeconds).ToList();

        Assert.All(ttls, ttl => Assert.InRange(ttl, 270, 330));
        Assert.True(ttls.Min() < 275 && ttls.Max() > 325, $"TTLs span {ttls.Min():F1}..{ttls.Max():F1} s");
    }

    private static int BookingCount(JsonBody body) =>
        JsonDocument.Parse(body.Utf8).RootElement.GetProperty("bookings").GetArrayLength();

    private static async Task<string?> ExamNameAsync(HttpClient client, string examId) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/mock-exams/{examId}", Cancel))
            .GetProperty("exam").GetProperty("mock_exam_name").GetString();

    private async Task<List<string>> KeysAsync(string pattern)
    {
        var keys = new List<string>();
        foreach (var endpoint in fixture.Redis.Connection.GetEndPoints())
        {
            await foreach (var key in fixture.Redis.Connection.GetServer(endpoint).KeysAsync(pattern: fixture.Redis.KeyPrefix + pattern))
            {
                keys.Add(key.ToString());
            }
        }

        return keys;
    }
}
