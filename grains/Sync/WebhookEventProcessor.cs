using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MockExams.Exams;
using MockExams.Grains.Exams;
using MockExams.Grains.HubSpot;
using MockExams.Grains.Replica;

namespace MockExams.Grains.Sync;

/// <summary>
/// Applies pending webhook events: the changed records are read from HubSpot in batches (sync lane: the events only
/// say which record changed, and several events for one record cost one read), records HubSpot no longer returns
/// (deleted, archived) become soft deletes, and everything goes through the exam grains.
/// </summary>
public sealed partial class WebhookEventProcessor(
    WebhookInbox inbox, HubSpotClient hubSpot, SyncReader reader, RemoteChangeApplier applier,
    IOptions<HubSpotOptions> hubSpotOptions, ILogger<WebhookEventProcessor> logger)
{
    private const int BatchSize = 500;

    /// <summary>Applies every pending event; answers how many were applied. A failure leaves its batch pending for the next drain.</summary>
    public async Task<int> DrainAsync(CancellationToken cancellationToken)
    {
        var applied = 0;
        while (true)
        {
            var pending = await inbox.PendingAsync(BatchSize, cancellationToken);
            if (pending.Count == 0)
            {
                return applied;
            }

            var keys = pending.Select(e => e.DedupeKey).ToList();
            try
            {
                await ApplyAsync(pending, cancellationToken);
            }
            catch (Exception ex) when (ex is HubSpotException or OrleansException or TimeoutException)
            {
                LogFailed(logger, pending.Count, ex);
                await inbox.MarkFailedAsync(keys, ex.Message, CancellationToken.None);
                return applied;
            }

            await inbox.MarkAppliedAsync(keys, cancellationToken);
            applied += pending.Count;
            if (pending.Count < BatchSize)
            {
                return applied;
            }
        }
    }

    private async Task ApplyAsync(IReadOnlyList<PendingWebhookEvent> events, CancellationToken cancellationToken)
    {
        var options = hubSpotOptions.Value;
        var examEvents = events.Where(e => e.ObjectTypeId == options.ExamObjectType).ToList();
        var bookingEvents = events.Where(e => e.ObjectTypeId == options.BookingObjectType).ToList();
        var ignored = events.Count - examEvents.Count - bookingEvents.Count;
        if (ignored > 0)
        {
            LogIgnored(logger, ignored);
        }

        var exams = await ExamsAsync(examEvents, cancellationToken);
        var bookings = await BookingsAsync(bookingEvents, cancellationToken);
        var result = await applier.ApplyAsync(exams, bookings, cancellationToken);
        LogApplied(logger, events.Count, result.Exams, result.Bookings);
    }

    private async Task<List<ExamRecord>> ExamsAsync(List<PendingWebhookEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return [];
        }
        var lastEvent = LastEventByObject(events);
        var found = await hubSpot.GetExamsAsync(lastEvent.Keys, HubSpotLane.Sync, cancellationToken);
        var records = found.Select(e => e.ToRecord()).ToList();
        var gone = lastEvent.Keys.Except(found.Select(e => e.Id), StringComparer.Ordinal).ToList();
        if (gone.Count > 0)
        {
            // Not returned: deleted or archived since the event. The replica's row becomes a tombstone.
            records.AddRange((await reader.ExamsAsync(gone, cancellationToken))
                .Where(row => !row.Archived)
                .Select(row => row.Tombstone(lastEvent[row.HubSpotId])));
        }
        return records;
    }

    private async Task<List<BookingRecord>> BookingsAsync(List<PendingWebhookEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return [];
        }
        var lastEvent = LastEventByObject(events);
        var found = await hubSpot.GetBookingsAsync(lastEvent.Keys, HubSpotLane.Sync, cancellationToken);
        var records = found.Select(b => b.ToRecord("")).ToList();
        var gone = lastEvent.Keys.Except(found.Select(b => b.Id), StringComparer.Ordinal).ToList();
        if (gone.Count > 0)
        {
            records.AddRange((await reader.BookingsAsync(gone, cancellationToken))
                .Where(row => !row.Archived)
                .Select(row => row.Tombstone(lastEvent[row.HubSpotId])));
        }
        return records;
    }

    private static Dictionary<string, DateTimeOffset> LastEventByObject(List<PendingWebhookEvent> events) =>
        events.Where(e => e.ObjectId is not "")
            .GroupBy(e => e.ObjectId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Max(e => e.OccurredAt), StringComparer.Ordinal);
}
