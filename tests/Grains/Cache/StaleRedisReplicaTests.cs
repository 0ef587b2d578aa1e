using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MockExams.Exams;
using MockExams.Tests.Fixtures;
using StackExchange.Redis;

namespace MockExams.Tests.Grains.Cache;

/// <summary>
/// Redis failing over to a replica that missed the last writes (issue 17 §2): the invalidations it missed bring back
/// bodies older than an acknowledged write, and the catalog generation goes backwards, so list keys of an older
/// generation are reachable again. Simulated on one Redis: DUMP the keys, write, RESTORE the older values.
/// A process that saw a later generation treats the regression as a new Redis epoch: its in-memory copies are void,
/// the generation moves past everything it saw, and every exam body in Redis is dropped before it reads one again.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class StaleRedisReplicaTests(ProxiedClusterFixture fixture) : IClassFixture<ProxiedClusterFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RedisGoesBackToOlderValues_TheExamReadServesTheAcknowledgedWriteNotTheOlderBody()
    {
        var (client, examId, location) = await WriteThenGoBackAsync();

        Assert.Equal(77, await CapacityAsync(client, examId));
        Assert.Equal(77, await CapacityAsync(client, examId));
        Assert.Equal(77, await ListedCapacityAsync(client, location));
        client.Dispose();
    }

    [Fact]
    public async Task RedisGoesBackToOlderValues_TheListReadServesTheAcknowledgedWriteNotTheOlderList()
    {
        var (client, examId, location) = await WriteThenGoBackAsync();

        Assert.Equal(77, await ListedCapacityAsync(client, location));
        Assert.Equal(77, await CapacityAsync(client, examId));
        client.Dispose();
    }

    /// <summary>
    /// An exam read and listed (its body, its list and the generation in Redis), an acknowledged write of capacity 77,
    /// then Redis back to the values it held before the write, and no grain holding an in-memory copy.
    /// </summary>
    private async Task<(HttpClient Client, string ExamId, string Location)> WriteThenGoBackAsync()
    {
        var location = ReadRows.NewLocation();
        var examId = await ReadRows.InsertExamAsync(fixture.Database.DataSource, location, capacity: 20);
        var client = fixture.CreateClient("exams.view");
        var redis = fixture.Redis.Database;
        RedisKey examKey = $"{fixture.Redis.KeyPrefix}exam:{examId}";
        RedisKey generationKey = $"{fixture.Redis.KeyPrefix}catalog:generation";

        Assert.Equal(20, await CapacityAsync(client, examId));
        Assert.Equal(20, await ListedCapacityAsync(client, location));
        // A read stores the body only while the cache is trusted (not while a Redis circuit is still open from an
        // earlier test of this collection, nor when an invalidation raced the fill): read until Redis holds it.
        await WriteScenario.EventuallyAsync(async () => await CapacityAsync(client, examId) == 20 && await redis.KeyExistsAsync(examKey),
            "the exam's body is in Redis", seconds: 15);
        var olderBody = await redis.KeyDumpAsync(examKey);
        var olderGeneration = await redis.KeyDumpAsync(generationKey);

        // An acknowledged write: the replica row changes, the exam's keys are deleted and the generation bumped.
        var changed = new ExamRecord(examId, "Changed before the failover", "Situational Judgment", new DateOnly(2027, 3, 14), "09:00", "12:00",
            location, 77, 0, true, null, DateTimeOffset.UtcNow.AddMinutes(1), false);
        await fixture.Grains.GetGrain<IMockExamGrain>(examId).ApplyRemoteChangesAsync(new RemoteChanges(changed, []), Token);
        Assert.Equal(77, await CapacityAsync(client, examId));
        Assert.Equal(77, await ListedCapacityAsync(client, location));

        // The failover: Redis now holds what it held before the write (the older body, the older generation).
        await redis.KeyDeleteAsync(examKey);
        await redis.KeyRestoreAsync(examKey, olderBody!);
        await redis.KeyDeleteAsync(generationKey);
        if (olderGeneration is not null)
        {
            await redis.KeyRestoreAsync(generationKey, olderGeneration);
        }

        // No in-memory copy answers for Redis: the next reads are new activations.
        await fixture.Api.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0)
            .ForceActivationCollection(TimeSpan.Zero, Token);
        return (client, examId, location);
    }

    private static async Task<int> CapacityAsync(HttpClient client, string examId)
    {
        var body = await client.GetFromJsonAsync<JsonElement>($"/api/mock-exams/{examId}", Token);
        return body.GetProperty("exam").GetProperty("capacity").GetInt32();
    }

    private static async Task<int> ListedCapacityAsync(HttpClient client, string location)
    {
        var response = await client.GetAsync($"/api/mock-exams?location={Uri.EscapeDataString(location)}", Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        return body.GetProperty("exams").EnumerateArray().Single().GetProperty("capacity").GetInt32();
    }
}
