using System.Net;
using MockExams.Tests.Fixtures;

namespace MockExams.Tests.Grains.Exams;

/// <summary>
/// While the replica's first backfill is still copying bookings, the replica cannot tell how many seats are taken
/// or who holds them, so the exam grains decide nothing: writes are told to retry, and nothing reaches HubSpot.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class FirstBackfillTests(ClusterFixture fixture) : IDisposable
{
    private readonly WriteScenario _scenario = new(fixture);

    [Fact]
    public async Task Book_WhileTheFirstBackfillIsCopyingBookings_IsToldToRetryAndNothingIsCreated()
    {
        var examId = await _scenario.CreateExamAsync(capacity: 5);
        var contactId = await _scenario.CreateContactAsync();
        await SetFirstBackfillRunningAsync(true);
        try
        {
            using var refused = await _scenario.BookAsync(examId, contactId);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.NotNull(refused.Headers.RetryAfter);
            Assert.Empty(await _scenario.HubSpotBookingsAsync(examId));
            Assert.Equal(0, await _scenario.ReplicaActiveBookingsAsync(examId));
        }
        finally
        {
            await SetFirstBackfillRunningAsync(false);
        }

        using var booked = await _scenario.BookAsync(examId, contactId);

        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        Assert.Single(await _scenario.HubSpotBookingsAsync(examId));
    }

    /// <summary>As <c>SyncStateStore</c> leaves it: a checkpoint set and no backfill ever completed (or the reverse).</summary>
    private async Task SetFirstBackfillRunningAsync(bool running)
    {
        await using var command = fixture.Database.DataSource.CreateCommand(running
            ? "update public.sync_state set backfill_cursor = '{}', last_backfill_at = null where object_type = 'bookings'"
            : "update public.sync_state set backfill_cursor = null where object_type = 'bookings'");
        await command.ExecuteNonQueryAsync(WriteScenario.Token);
    }

    public void Dispose() => _scenario.Dispose();
}
