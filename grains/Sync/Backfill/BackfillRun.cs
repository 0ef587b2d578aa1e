using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using MockExams.Exams;
using MockExams.Grains.Exams;
using MockExams.Grains.HubSpot;
using MockExams.Grains.Replica;
using MockExams.Sync;

namespace MockExams.Grains.Sync.Backfill;

/// <summary>
/// One backfill's work, three streams at once: exams page through the list API (100 per call) and each page's
/// bookings are found through its associations (one call) and queued; several batch reads (100 per call) copy the
/// queued bookings; a search from the highest booking id down (200 per call, the search budget) copies until it meets
/// them (<see cref="BookingBackfillPlan"/>). Every write carries its checkpoint, so a killed run resumes with at most
/// the chunks in flight done twice.
/// </summary>
/// <remarks>
/// Bookings associated with no exam are copied only where the search reaches; reconciliation reports the others.
/// </remarks>
internal sealed class BackfillRun(
    HubSpotClient hubSpot, ReplicaBulkWriter writer, SyncStateStore state, SyncOptions options,
    IProgress<BackfillProgress>? progress, Stopwatch clock)
{
    private readonly ConcurrentDictionary<string, byte> _touchedExams = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, string> _examOfBooking = new();
    private long _examsWritten;
    private long _bookingsWritten;
    private long _calls;
    private long _searchCalls;
    private long? _examsTotal;
    private long? _bookingsTotal;

    public long ExamsWritten => Interlocked.Read(ref _examsWritten);

    public long BookingsWritten => Interlocked.Read(ref _bookingsWritten);

    public long Calls => Interlocked.Read(ref _calls);

    public long SearchCalls => Interlocked.Read(ref _searchCalls);

    /// <summary>Exams whose rows (or whose bookings' rows) this run wrote: their cache entries are stale.</summary>
    public IEnumerable<string> TouchedExams => _touchedExams.Keys;

    public async Task ExecuteAsync(IReadOnlyDictionary<string, SyncStateRow> rows, CancellationToken cancellationToken)
    {
        var examsRow = rows[SyncObjectTypes.Exams];
        var bookingsRow = rows[SyncObjectTypes.Bookings];
        _examsTotal = examsRow.BackfillTotal;
        _bookingsTotal = bookingsRow.BackfillTotal;
        var (after, done) = BackfillCheckpoints.ReadExams(examsRow.BackfillCursor);
        var plan = new BookingBackfillPlan(BackfillCheckpoints.ReadHigh(bookingsRow.BackfillCursor));

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var search = options.BackfillSearchAssist
            ? SearchBookingsAsync(plan, BackfillCheckpoints.ReadHigh(bookingsRow.BackfillCursor), stop.Token)
            : CountBookingsAsync(stop.Token);
        var reads = Enumerable.Range(0, options.BackfillParallelism).Select(_ => ReadBookingsAsync(plan, stop.Token)).ToList();
        try
        {
            await CountExamsAsync(stop.Token);
            await ListExamsAsync(plan, after, done, stop.Token);
            await Task.WhenAll(reads);
            await search;
        }
        catch
        {
            // One stream failed: stop the others before the error goes up (their checkpoints stay valid).
            await stop.CancelAsync();
            await Task.WhenAll([.. reads, search]).ContinueWith(_ => { }, TaskScheduler.Default);
            throw;
        }
    }

    private async Task CountExamsAsync(CancellationToken cancellationToken)
    {
        if (_examsTotal is not null)
        {
            return;
        }
        var page = await hubSpot.SearchExamsByIdDescendingAsync(null, null, HubSpotLane.Backfill, cancellationToken);
        Interlocked.Increment(ref _searchCalls);
        _examsTotal = page.Total ?? page.Items.Count;
        await state.SetBackfillProgressAsync(SyncObjectTypes.Exams, "total", _examsTotal.Value, cancellationToken);
    }

    private async Task CountBookingsAsync(CancellationToken cancellationToken)
    {
        if (_bookingsTotal is not null)
        {
            return;
        }
        var page = await hubSpot.SearchBookingsByIdDescendingAsync(null, null, HubSpotLane.Backfill, cancellationToken);
        Interlocked.Increment(ref _searchCalls);
        _bookingsTotal = page.Total ?? page.Items.Count;
        await state.SetBackfillProgressAsync(SyncObjectTypes.Bookings, "total", _bookingsTotal.Value, cancellationToken);
    }

    // Each page: its exams written while its bookings' ids are fetched, then the ids queued for the batch reads.
    private async Task ListExamsAsync(BookingBackfillPlan plan, string? after, bool done, CancellationToken cancellationToken)
    {
        while (!done)
        {
            var page = await hubSpot.ListExamsPageAsync(after, HubSpotLane.Backfill, cancellationToken: cancellationToken);
            Interlocked.Increment(ref _calls);
            var records = page.Items.Select(e => e.ToRecord()).ToList();
            var write = WriteExamsAsync(records, cancellationToken);
            var live = records.Where(e => !e.Archived).Select(e => e.HubSpotId).ToList();
            var bookingIds = live.Count == 0
                ? new Dictionary<string, IReadOnlyList<string>>()
                : await hubSpot.GetBookingIdsForExamsAsync(live, HubSpotLane.Backfill, cancellationToken);
            Interlocked.Increment(ref _calls);
            await write;
            var ids = new List<long>();
            foreach (var (examId, bookings) in bookingIds)
            {
                foreach (var id in bookings)
                {
                    if (long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var bookingId))
                    {
                        _examOfBooking[bookingId] = examId;
                        ids.Add(bookingId);
                    }
                }
            }
            plan.AddPage(page.Next, ids);
            after = page.Next;
            done = after is null;
        }
        plan.ListFinished();
    }

    private async Task WriteExamsAsync(List<ExamRecord> records, CancellationToken cancellationToken)
    {
        await writer.UpsertExamsAsync(records, [new ReplicaCheckpoint(SyncObjectTypes.Exams, "{}", records.Count)], cancellationToken);
        foreach (var exam in records)
        {
            _touchedExams.TryAdd(exam.HubSpotId, 0);
        }
        Interlocked.Add(ref _examsWritten, records.Count);
        Report();
    }

    private async Task ReadBookingsAsync(BookingBackfillPlan plan, CancellationToken cancellationToken)
    {
        while (await plan.ClaimAsync(HubSpotClient.BatchSize, cancellationToken) is { } chunk)
        {
            List<BookingRecord> records = [];
            if (chunk.Ids.Length > 0)
            {
                var found = await hubSpot.GetBookingsAsync([.. chunk.Ids.Select(id => id.ToString(CultureInfo.InvariantCulture))], HubSpotLane.Backfill, cancellationToken);
                Interlocked.Increment(ref _calls);
                records = [.. found.Select(b => b.ToRecord(_examOfBooking.GetValueOrDefault(long.Parse(b.Id, CultureInfo.InvariantCulture)) ?? ""))];
            }
            List<ReplicaCheckpoint> checkpoints = [new(SyncObjectTypes.Bookings, "{}", records.Count)];
            if (plan.CheckpointFor(chunk) is { } position)
            {
                checkpoints.Add(new(SyncObjectTypes.Exams, BackfillCheckpoints.Exams(position.Cursor, position.Done), 0));
            }
            await WriteBookingsAsync(records, checkpoints, cancellationToken);
            plan.Committed(chunk);
        }
    }

    // Keyset pages from the highest id down until the batch reads' side is reached (or they are done). Each query asks
    // for a window of ids sized from the density seen so far (about one page's worth), so HubSpot only sorts what the
    // page needs; a window that comes back short is covered entirely and the next starts below it. A page's write
    // overlaps the next search.
    private async Task SearchBookingsAsync(BookingBackfillPlan plan, long? high, CancellationToken cancellationToken)
    {
        var below = high;
        long? window = null;
        var write = Task.CompletedTask;
        while (!plan.ReadsFinished)
        {
            var above = plan.MaxClaimed;
            if (below is { } b && above is { } a && b <= a + 1)
            {
                break;
            }
            var floor = below is { } top && window is { } w && w < top ? Math.Max(above ?? 0, top - w) : above;
            var page = await hubSpot.SearchBookingsByIdDescendingAsync(below, floor, HubSpotLane.Backfill, cancellationToken);
            Interlocked.Increment(ref _searchCalls);
            if (_bookingsTotal is null && below is null && floor is null)
            {
                _bookingsTotal = page.Total ?? page.Items.Count;
                await state.SetBackfillProgressAsync(SyncObjectTypes.Bookings, "total", _bookingsTotal.Value, cancellationToken);
            }
            if (page.Items.Count == 0 && floor == above)
            {
                break;
            }

            var ids = page.Items.Select(x => long.Parse(x.Id, CultureInfo.InvariantCulture)).ToList();
            // A full page covers down to its lowest id; a short one covers its whole window.
            var coveredFrom = ids.Count == HubSpotClient.SearchPageLimit || floor is null ? ids.Min() : floor.Value + 1;
            window = NextWindow(below ?? ids.Max() + 1, coveredFrom, ids.Count, window);
            below = coveredFrom;
            plan.SearchCovered(coveredFrom);

            await write;
            write = WriteBookingsAsync([.. page.Items.Select(x => x.ToRecord(""))],
                [new(SyncObjectTypes.Bookings, BackfillCheckpoints.High(coveredFrom), page.Items.Count)], cancellationToken);
        }
        await write;
    }

    // Ids per window so that one holds about a page: the span the last answer covered, scaled to a full page.
    private static long NextWindow(long previousBelow, long coveredFrom, int found, long? window)
    {
        var span = Math.Max(1, previousBelow - coveredFrom);
        return found == 0
            ? Math.Min((window ?? span) * 4, long.MaxValue / 8)
            : Math.Max(HubSpotClient.SearchPageLimit, span * HubSpotClient.SearchPageLimit / found);
    }

    private async Task WriteBookingsAsync(List<BookingRecord> records, IReadOnlyList<ReplicaCheckpoint> checkpoints, CancellationToken cancellationToken)
    {
        await writer.UpsertBookingsAsync(records, checkpoints, cancellationToken);
        foreach (var examId in records.Select(b => b.MockExamId).Where(id => id is not "").Distinct(StringComparer.Ordinal))
        {
            _touchedExams.TryAdd(examId, 0);
        }
        Interlocked.Add(ref _bookingsWritten, records.Count);
        Report();
    }

    private void Report() => progress?.Report(new BackfillProgress(
        ExamsWritten, _examsTotal, BookingsWritten, _bookingsTotal, Calls, SearchCalls, clock.Elapsed));
}
