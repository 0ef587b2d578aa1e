using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MockExams.Exams;
using MockExams.Grains.Exams;
using MockExams.Grains.HubSpot;
using MockExams.Grains.Replica;
using MockExams.Sync;

namespace MockExams.Grains.Sync;

/// <summary>
/// One incremental sync pass: for each object type, search HubSpot by <c>hs_lastmodifieddate</c> from the stored
/// watermark minus the overlap window, oldest change first (the client restarts the window from the last timestamp
/// instead of paging past 10,000 results, and returns each version once); skip versions the replica already holds;
/// hand the rest to the exam grains; move the watermark forward after each applied chunk.
/// </summary>
/// <remarks>
/// Archived records never appear in search. So each pass (or every <see cref="SyncOptions.ArchiveScanEvery"/>th) also
/// lists HubSpot's recycle bin (<c>archived=true</c>, 100 per call, 90 days of archives) and soft-deletes the rows
/// still live here; webhooks (<c>object.deletion</c>) do the same at once, and reconciliation catches records deleted
/// for good (gone from the recycle bin too). An object type waits for its first backfill to finish.
/// </remarks>
public sealed partial class IncrementalSync(
    HubSpotClient hubSpot, SyncStateStore state, SyncReader reader, RemoteChangeApplier applier,
    IOptions<SyncOptions> options, TimeProvider time, ILogger<IncrementalSync> logger)
{
    /// <summary>Records applied per step; the watermark moves after each.</summary>
    private const int ChunkSize = 500;

    private int _passes;

    public async Task<IncrementalSyncOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var scanArchives = _passes++ % options.Value.ArchiveScanEvery == 0;
        var rows = await state.ReadAsync(cancellationToken);
        var ran = false;
        int fetched = 0, applied = 0;
        foreach (var objectType in SyncObjectTypes.All)
        {
            if (!rows.TryGetValue(objectType, out var row) || row.LastBackfillAt is null)
            {
                continue;
            }

            ran = true;
            var (typeFetched, typeApplied) = await SyncAsync(objectType, row, cancellationToken);
            fetched += typeFetched;
            applied += typeApplied;
            if (scanArchives)
            {
                applied += await SoftDeleteArchivedAsync(objectType, cancellationToken);
            }
        }
        return new IncrementalSyncOutcome(ran, fetched, applied);
    }

    private async Task<(int Fetched, int Applied)> SyncAsync(string objectType, SyncStateRow row, CancellationToken cancellationToken)
    {
        var startedAt = time.GetUtcNow();
        var since = (row.Watermark ?? row.BackfillStartedAt ?? startedAt) - options.Value.Overlap;
        int fetched = 0, applied = 0;
        if (objectType == SyncObjectTypes.Exams)
        {
            var chunk = new List<ExamRecord>(ChunkSize);
            await foreach (var exam in hubSpot.SearchExamsModifiedSinceAsync(since, HubSpotLane.Sync, cancellationToken))
            {
                chunk.Add(exam.ToRecord());
                if (chunk.Count == ChunkSize)
                {
                    (fetched, applied) = Add((fetched, applied), await ApplyExamsAsync(chunk, cancellationToken));
                    chunk.Clear();
                }
            }
            (fetched, applied) = Add((fetched, applied), await ApplyExamsAsync(chunk, cancellationToken));
        }
        else
        {
            var chunk = new List<BookingRecord>(ChunkSize);
            await foreach (var booking in hubSpot.SearchBookingsModifiedSinceAsync(since, HubSpotLane.Sync, cancellationToken))
            {
                chunk.Add(booking.ToRecord(""));
                if (chunk.Count == ChunkSize)
                {
                    (fetched, applied) = Add((fetched, applied), await ApplyBookingsAsync(chunk, cancellationToken));
                    chunk.Clear();
                }
            }
            (fetched, applied) = Add((fetched, applied), await ApplyBookingsAsync(chunk, cancellationToken));
        }

        await state.RecordIncrementalAsync(objectType, null, startedAt, cancellationToken);
        if (applied > 0)
        {
            LogApplied(logger, objectType, fetched, applied, since);
        }
        return (fetched, applied);
    }

    private async Task<(int Fetched, int Applied)> ApplyExamsAsync(List<ExamRecord> chunk, CancellationToken cancellationToken)
    {
        if (chunk.Count == 0)
        {
            return (0, 0);
        }
        var versions = await reader.VersionsAsync(SyncObjectTypes.Exams, [.. chunk.Select(e => e.HubSpotId)], cancellationToken);
        var newer = chunk.Where(e => IsNewer(versions, e.HubSpotId, e.LastModifiedAt)).ToList();
        await applier.ApplyAsync(newer, [], cancellationToken);
        await state.RecordIncrementalAsync(SyncObjectTypes.Exams, chunk.Max(e => e.LastModifiedAt), null, cancellationToken);
        return (chunk.Count, newer.Count);
    }

    private async Task<(int Fetched, int Applied)> ApplyBookingsAsync(List<BookingRecord> chunk, CancellationToken cancellationToken)
    {
        if (chunk.Count == 0)
        {
            return (0, 0);
        }
        var versions = await reader.VersionsAsync(SyncObjectTypes.Bookings, [.. chunk.Select(b => b.HubSpotId)], cancellationToken);
        var newer = chunk.Where(b => IsNewer(versions, b.HubSpotId, b.LastModifiedAt)).ToList();
        var result = await applier.ApplyAsync([], newer, cancellationToken);
        await state.RecordIncrementalAsync(SyncObjectTypes.Bookings, chunk.Max(b => b.LastModifiedAt), null, cancellationToken);
        return (chunk.Count, result.Bookings);
    }

    /// <summary>Soft-deletes the rows still live here whose records sit in HubSpot's recycle bin; answers how many.</summary>
    private async Task<int> SoftDeleteArchivedAsync(string objectType, CancellationToken cancellationToken)
    {
        var archived = new List<string>();
        string? after = null;
        do
        {
            if (objectType == SyncObjectTypes.Exams)
            {
                var page = await hubSpot.ListExamsPageAsync(after, HubSpotLane.Sync, archived: true, cancellationToken);
                archived.AddRange(page.Items.Select(e => e.Id));
                after = page.Next;
            }
            else
            {
                var page = await hubSpot.ListBookingsPageAsync(after, HubSpotLane.Sync, archived: true, cancellationToken);
                archived.AddRange(page.Items.Select(b => b.Id));
                after = page.Next;
            }
        }
        while (after is not null);

        if (archived.Count == 0)
        {
            return 0;
        }
        var held = await reader.VersionsAsync(objectType, archived, cancellationToken);
        var live = held.Where(v => !v.Value.Deleted).Select(v => v.Key).ToList();
        if (live.Count == 0)
        {
            return 0;
        }
        var result = objectType == SyncObjectTypes.Exams
            ? await applier.ApplyAsync([.. (await reader.ExamsAsync(live, cancellationToken)).Select(row => row.Tombstone(null))], [], cancellationToken)
            : await applier.ApplyAsync([], [.. (await reader.BookingsAsync(live, cancellationToken)).Select(row => row.Tombstone(null))], cancellationToken);
        LogArchived(logger, objectType, live.Count);
        return result.Exams + result.Bookings;
    }

    // Search returns only live records: one the replica holds soft-deleted was restored in HubSpot.
    private static bool IsNewer(Dictionary<string, ReplicaVersion> versions, string id, DateTimeOffset modified) =>
        !versions.TryGetValue(id, out var held) || held.LastModified is not { } at || at < modified || held.Deleted;

    private static (int, int) Add((int, int) a, (int, int) b) => (a.Item1 + b.Item1, a.Item2 + b.Item2);
}
