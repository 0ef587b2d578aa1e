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

    // The list is a chain (each page's cursor comes with the page before), so nothing else waits in it: each page's exams
    // are written and its bookings' ids fetched (one association call) alongside the next pages, and the pages are
    // handed to the batch reads in list order, a few in flight at most.
    private async Task ListExamsAsync(BookingBackfillPlan plan, string? after, bool done, CancellationToken cancellationToken)
    {
        const int pagesInFlight = 3;
        var pending = new Queue<(string? Next, Task<List<long>> Ids)>();
        while (!done)
        {
            var page = await hubSpot.ListExamsPageAsync(after, HubSpotLane.Backfill, cancellationToken: cancellationToken);
            Interlocked.Increment(ref _calls);
            pending.Enqueue((page.Next, PreparePageAsync(page.Items, cancellationToken)));
            while (pending.Count >= pagesInFlight || pending.Peek().Ids.IsCompleted)
            {
                var (next, ids) = pending.Dequeue();
                plan.AddPage(next, await ids);
                if (pending.Count == 0)
                {
                    break;
                }
            }
            after = page.Next;
            done = after is null;
        }
        while (pending.Count > 0)
        {
            var (next, ids) = pending.Dequeue();
            plan.AddPage(next, await ids);
        }
        plan.ListFinished();
    }

    // A page's exams written and its live exams' booking ids fetched, both before its bookings may be checkpointed.
    private async Task<List<long>> PreparePageAsync(IReadOnlyList<HubSpotExam> exams, CancellationToken cancellationToken)
    {
        var records = exams.Select(e => e.ToRecord()).ToList();
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
        return ids;
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

    // From the highest booking id down until the batch reads' side is reached (or they are done): one first page finds
    // the top and the ids' density, then windows of about a page each (SearchWindows) are searched by a few streams at
    // once, keyset pages inside each, so HubSpot's search latency does not leave its budget unused.
    private async Task SearchBookingsAsync(BookingBackfillPlan plan, long? high, CancellationToken cancellationToken)
    {
        var above = plan.MaxClaimed;
        var first = await hubSpot.SearchBookingsByIdDescendingAsync(high, above, HubSpotLane.Backfill, cancellationToken);
        Interlocked.Increment(ref _searchCalls);
        if (_bookingsTotal is null && high is null && above is null)
        {
            _bookingsTotal = first.Total ?? first.Items.Count;
            await state.SetBackfillProgressAsync(SyncObjectTypes.Bookings, "total", _bookingsTotal.Value, cancellationToken);
        }
        if (first.Items.Count < HubSpotClient.SearchPageLimit)
        {
            // Everything the search could see fits in one page: the reads need only what lies below.
            var lowest = first.Items.Count == 0 ? (above ?? 0) + 1 : Ids(first.Items).Min();
            plan.SearchCovered(lowest);
            await WriteSearchPageAsync(first.Items, lowest, cancellationToken);
            return;
        }

        var ids = Ids(first.Items);
        var top = ids.Min();
        plan.SearchCovered(top);
        var write = WriteSearchPageAsync(first.Items, top, cancellationToken);
        // About 90 % of a page per window, so few windows need a second page.
        var width = Math.Max(HubSpotClient.SearchPageLimit, (ids.Max() - top) * 9 / 10);
        var windows = new SearchWindows(top - 1, width);
        await Task.WhenAll(Enumerable.Range(0, options.BackfillSearchStreams)
            .Select(_ => SearchWindowsAsync(plan, windows, cancellationToken)).Append(write));
    }

    private async Task SearchWindowsAsync(BookingBackfillPlan plan, SearchWindows windows, CancellationToken cancellationToken)
    {
        while (!plan.ReadsFinished && windows.Next(plan.MaxClaimed) is { } window)
        {
            while (true)
            {
                var page = await hubSpot.SearchBookingsByIdDescendingAsync(window.Below, window.Low - 1, HubSpotLane.Backfill, cancellationToken);
                Interlocked.Increment(ref _searchCalls);
                var full = page.Items.Count == HubSpotClient.SearchPageLimit;
                if (full)
                {
                    window.Below = Ids(page.Items).Min();
                    await WriteSearchPageAsync(page.Items, null, cancellationToken);
                    continue;
                }
                var coveredFrom = windows.CoveredFromIfDone(window);
                await WriteSearchPageAsync(page.Items, coveredFrom, cancellationToken);
                windows.Finished(window);
                if (windows.CoveredFrom is { } covered)
                {
                    plan.SearchCovered(covered);
                }
                break;
            }
        }
    }

    private Task WriteSearchPageAsync(IReadOnlyList<HubSpotBooking> bookings, long? coveredFrom, CancellationToken cancellationToken) =>
        WriteBookingsAsync([.. bookings.Select(b => b.ToRecord(""))],
            [new(SyncObjectTypes.Bookings, coveredFrom is { } c ? BackfillCheckpoints.High(c) : "{}", bookings.Count)], cancellationToken);

    private static List<long> Ids(IReadOnlyList<HubSpotBooking> bookings) =>
        [.. bookings.Select(b => long.Parse(b.Id, CultureInfo.InvariantCulture))];

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
