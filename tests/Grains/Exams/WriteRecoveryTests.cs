using System.Net;
using Microsoft.Extensions.DependencyInjection;
using MockExams.Exams;
using MockExams.Grains.Exams;
using MockExams.Grains.HubSpot;
using MockExams.Grains.Replica;
using MockExams.Tests.Fixtures;
using Orleans.Storage;

namespace MockExams.Tests.Grains.Exams;

/// <summary>
/// What a dying silo or a failing replica leaves behind: journaled intents are completed by looking bookings up
/// (never by creating them again), and writes HubSpot accepted reach the replica once it is back.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class WriteRecoveryTests(ClusterFixture fixture) : IDisposable
{
    private readonly WriteScenario _scenario = new(fixture);

    private static CancellationToken Token => WriteScenario.Token;

    private IServiceProvider Silo => fixture.Silos[0].Services;

    private JournalSeeder Journal => new(fixture, _scenario);

    [Fact]
    public async Task Activation_PendingIntentHubSpotAlreadyHas_AdoptsItWithoutADuplicate()
    {
        var examId = await Journal.SeedExamWithoutGrainAsync(capacity: 5);
        var journaled = await Journal.IntendedBookingAsync();
        await Silo.GetRequiredService<HubSpotClient>().CreateBookingsAsync([journaled.ToNewBooking(examId)], HubSpotLane.UserWrite, Token);
        await Journal.JournalAsync(examId, new WriteIntent { Creates = [journaled] });

        var next = await _scenario.BookAsync(examId, await _scenario.CreateContactAsync());   // activates the grain

        Assert.Equal(HttpStatusCode.Created, next.StatusCode);
        var inHubSpot = await _scenario.HubSpotBookingsAsync(examId);
        Assert.Equal(2, inHubSpot.Count);
        Assert.Single(inHubSpot, b => b.GetProperty("properties").GetProperty("booking_id").GetString() == journaled.BookingId);
        Assert.Equal(2, await _scenario.ReplicaActiveBookingsAsync(examId));
        Assert.Equal(2, await _scenario.ReplicaTotalBookingsAsync(examId));
    }

    [Fact]
    public async Task Activation_PendingIntentNeverSent_CreatesItOnce()
    {
        var examId = await Journal.SeedExamWithoutGrainAsync(capacity: 5);
        var journaled = await Journal.IntendedBookingAsync();
        await Journal.JournalAsync(examId, new WriteIntent { Creates = [journaled] });

        var next = await _scenario.BookAsync(examId, await _scenario.CreateContactAsync());   // activates; settles first (FIFO)

        Assert.Equal(HttpStatusCode.Created, next.StatusCode);
        var inHubSpot = await _scenario.HubSpotBookingsAsync(examId);
        Assert.Equal(2, inHubSpot.Count);
        Assert.Single(inHubSpot, b => b.GetProperty("properties").GetProperty("booking_id").GetString() == journaled.BookingId);
        Assert.Equal(2, await _scenario.ReplicaActiveBookingsAsync(examId));
    }

    /// <summary>
    /// An activation whose saved state owes a cache delete (an earlier activation's delete failed, then it was collected
    /// or its silo died) must not serve what Redis holds for the exam: that may predate an acknowledged write.
    /// </summary>
    [Fact]
    public async Task Activation_CacheDeleteOwed_ServesTheReplicaNotWhatRedisStillHolds()
    {
        var examId = await Journal.SeedExamWithoutGrainAsync(capacity: 5);
        await fixture.Redis.Database.StringSetAsync($"{fixture.Redis.KeyPrefix}exam:{examId}", """{"stale":true}""");
        await Journal.SaveStateAsync(examId, new MockExamState { CacheInvalidationOwed = true });

        var body = await _scenario.Api.GetStringAsync($"/api/mock-exams/{examId}", Token);

        Assert.DoesNotContain("stale", body, StringComparison.Ordinal);
        Assert.Contains(examId, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Book_ReplicaFailsAfterHubSpotAccepted_SucceedsAndReplicaCatchesUp()
    {
        var examId = await _scenario.CreateExamAsync(capacity: 5);
        Assert.Equal(HttpStatusCode.Created, (await _scenario.BookAsync(examId, await _scenario.CreateContactAsync())).StatusCode);
        await ExecuteAsync("""
            create function public.test_replica_down() returns trigger language plpgsql as
            $$ begin raise exception 'replica down (test)'; end $$;
            create trigger test_replica_down before insert or update on public.hubspot_bookings
            for each statement execute function public.test_replica_down();
            """);
        HttpResponseMessage booked;
        try
        {
            booked = await _scenario.BookAsync(examId, await _scenario.CreateContactAsync());
            Assert.Equal(1, await _scenario.ReplicaActiveBookingsAsync(examId));
        }
        finally
        {
            await ExecuteAsync("drop trigger test_replica_down on public.hubspot_bookings; drop function public.test_replica_down();");
        }

        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        Assert.Equal(2, (await _scenario.HubSpotBookingsAsync(examId)).Count);
        await WriteScenario.EventuallyAsync(async () => await _scenario.ReplicaActiveBookingsAsync(examId) == 2, "the replica shows both bookings");
        Assert.Equal(2, await _scenario.ReplicaTotalBookingsAsync(examId));
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var command = fixture.Database.DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(Token);
    }

    public void Dispose() => _scenario.Dispose();
}
