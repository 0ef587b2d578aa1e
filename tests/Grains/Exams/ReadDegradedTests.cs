using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MockExams.Exams;
using MockExams.Grains.Exams;
using MockExams.Tests.Fixtures;
using Orleans.Storage;

namespace MockExams.Tests.Grains.Exams;

/// <summary>
/// Degraded modes. Redis unreachable: reads answer from the replica and stop trying Redis for a while, then use
/// it again. Replica unreachable: what the cache holds still answers; a miss is 503 with Retry-After.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ReadDegradedTests(ProxiedClusterFixture fixture) : IClassFixture<ProxiedClusterFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reads_RedisUnreachable_AnswerFromReplicaAndStopTryingRedisUntilItIsBack()
    {
        var exams = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            exams.Add(await ReadRows.InsertExamAsync(fixture.Database.DataSource, ReadRows.NewLocation()));
        }

        using var client = fixture.CreateClient("exams.view");
        using var queries = SiloCounter.ReplicaQueries(fixture.SiloServices, "exam");
        using var unavailable = SiloCounter.CacheLookups(fixture.SiloServices, "unavailable");
        using var bypassed = SiloCounter.CacheLookups(fixture.SiloServices, "bypassed");

        fixture.RedisProxy.Cut();
        try
        {
            foreach (var examId in exams)
            {
                var body = await client.GetFromJsonAsync<JsonElement>($"/api/mock-exams/{examId}", Cancel);
                Assert.Equal(examId, body.GetProperty("exam").GetProperty("hubspot_id").GetString());
            }

            Assert.Equal(6, queries.Count);
            // Two failures open the circuit, and no read tries Redis after them. They are the first read's GET and
            // its SET, or the first two reads' GETs: the silo may notice the cut subscription during the first fill,
            // which then keeps no copy and skips the SET. Every later read bypasses Redis.
            Assert.Equal(2, unavailable.Count);
            Assert.InRange(bypassed.Count, 4, 5);
        }
        finally
        {
            fixture.RedisProxy.Restore();
        }

        // Once the break is over, one read probes Redis; from then on fills land in Redis again.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var examId = await ReadRows.InsertExamAsync(fixture.Database.DataSource, ReadRows.NewLocation());
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/mock-exams/{examId}", Cancel)).StatusCode);
            if (await fixture.Redis.Database.KeyExistsAsync($"{fixture.Redis.KeyPrefix}exam:{examId}"))
            {
                break;
            }

            await Task.Delay(100, timeout.Token);
        }
    }

    /// <summary>
    /// A write whose cache delete failed (Redis unreachable) leaves the body from before it in Redis; the grain owing
    /// the delete may be collected, or its silo die, before Redis is back. So the debt is saved in its state before the
    /// write is answered (the next activation then skips the cache: <c>Activation_CacheDeleteOwed_...</c>), and it is
    /// paid once Redis answers again.
    /// </summary>
    [Fact]
    public async Task Write_CacheDeleteFails_TheDebtIsSavedBeforeTheAnswerAndPaidOnceRedisIsBack()
    {
        var examId = await ReadRows.InsertExamAsync(fixture.Database.DataSource, ReadRows.NewLocation());
        using var client = fixture.CreateClient("exams.view");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/mock-exams/{examId}", Cancel)).StatusCode);
        var key = $"{fixture.Redis.KeyPrefix}exam:{examId}";
        Assert.True(await fixture.Redis.Database.KeyExistsAsync(key));
        var changed = new ExamRecord(examId, "Changed in HubSpot", "Situational Judgment", new DateOnly(2027, 3, 14), "09:00", "12:00",
            "Toronto", 77, 0, true, null, DateTimeOffset.UtcNow.AddMinutes(1), false);

        fixture.RedisProxy.Cut();
        MockExamState saved;
        try
        {
            await fixture.Grains.GetGrain<IMockExamGrain>(examId).ApplyRemoteChangesAsync(new RemoteChanges(changed, []), Cancel);
            saved = await SavedStateAsync(examId);
        }
        finally
        {
            fixture.RedisProxy.Restore();
        }

        Assert.True(saved.CacheInvalidationOwed);
        await WriteScenario.EventuallyAsync(async () => !await fixture.Redis.Database.KeyExistsAsync(key), "the owed delete is paid", seconds: 30);
        var read = await client.GetFromJsonAsync<JsonElement>($"/api/mock-exams/{examId}", Cancel);
        Assert.Equal(77, read.GetProperty("exam").GetProperty("capacity").GetInt32());
        await WaitUntilReadsUseRedisAsync(client);   // the next test of this fixture starts with the circuit closed
    }

    /// <summary>Once the Redis circuit's break is over, reads fill Redis again.</summary>
    private async Task WaitUntilReadsUseRedisAsync(HttpClient client)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var probe = await ReadRows.InsertExamAsync(fixture.Database.DataSource, ReadRows.NewLocation());
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/mock-exams/{probe}", Cancel)).StatusCode);
            if (await fixture.Redis.Database.KeyExistsAsync($"{fixture.Redis.KeyPrefix}exam:{probe}"))
            {
                return;
            }

            await Task.Delay(100, timeout.Token);
        }
    }

    private async Task<MockExamState> SavedStateAsync(string examId)
    {
        var storage = fixture.SiloServices.Single().GetRequiredKeyedService<IGrainStorage>("grain-state");
        var state = new GrainState<MockExamState>(new MockExamState());
        await storage.ReadStateAsync("exam", fixture.Grains.GetGrain<IMockExamGrain>(examId).GetGrainId(), state);
        return state.State ?? throw new InvalidOperationException($"No state saved for exam {examId}.");
    }

    [Fact]
    public async Task Reads_ReplicaUnreachable_CacheHitsAnswerAndMissesAre503WithRetryAfter()
    {
        var db = fixture.Database.DataSource;
        var cachedId = await ReadRows.InsertExamWithBookingsAsync(db, 3);
        var coldId = await ReadRows.InsertExamWithBookingsAsync(db, 1);
        using var client = fixture.CreateClient("exams.view");
        var cached = await client.GetByteArrayAsync($"/api/mock-exams/{cachedId}/bookings", Cancel);
        // The grain's in-memory copy goes with its activation, so the next read is answered by Redis itself.
        await fixture.Api.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0)
            .ForceActivationCollection(TimeSpan.Zero, Cancel);
        using var hits = SiloCounter.CacheLookups(fixture.SiloServices, "hit");

        HttpResponseMessage hit, miss, listMiss;
        fixture.ReplicaProxy.Cut();
        try
        {
            hit = await client.GetAsync($"/api/mock-exams/{cachedId}/bookings", Cancel);
            miss = await client.GetAsync($"/api/mock-exams/{coldId}/bookings", Cancel);
            listMiss = await client.GetAsync($"/api/mock-exams?location={ReadRows.NewLocation()}", Cancel);
        }
        finally
        {
            fixture.ReplicaProxy.Restore();
        }

        Assert.Equal(HttpStatusCode.OK, hit.StatusCode);
        Assert.Equal(cached, await hit.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal(1, hits.Count);
        foreach (var response in new[] { miss, listMiss })
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("5", response.Headers.GetValues("Retry-After").Single());
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
            Assert.Equal(503, problem.GetProperty("status").GetInt32());
        }

        var recovered = await client.GetAsync($"/api/mock-exams/{coldId}/bookings", Cancel);
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
    }
}
