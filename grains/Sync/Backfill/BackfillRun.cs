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
/// One backfill's work, three streams at once from the first second: exams page through the list API (100 per call)
/// and the bookings of the pages listed so far are found through their associations (one call for up to ten pages,
/// made when the reads run low) and queued; several batch reads (100 per call) copy the queued bookings; a search from
/// the highest booking id down (200 per call, the search budget) copies until it meets them
/// (<see cref="BookingBackfillPlan"/>). Every write carries its checkpoint, so a killed run resumes with at most the
/// chunks in flight done twice.
/// </summary>
/// <remarks>
/// Bookings associated with no exam are copied only where the search reaches; reconciliation reports the others.
/// </remarks>
internal sealed class BackfillRun(
    HubSpotClient hubSpot, ReplicaBulkWriter writer, SyncStateStore state, SyncOptions options,
    IProgress<BackfillProgress>? progress, Stopwatch clock)
{
    // HubSpot's association batch read takes 1,000 exams: ten list pages.
    private const int PagesPerAssociationRead = HubSpotClient.AssociationBatchSize / 100;

    // About two seconds of batch reads (100 ids each, 9 per second at most): enough to cover the next association read,
    // which waits its turn behind the reads in flight.
    private const int RunningLowIds = 2_000;

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
        // Every stream starts at once, so both budgets are spent from the first second: the search first (it is first in
        // line for the search budget), the exam count beside it (only the progress bar needs it), the list and the reads.
        var search = options.BackfillSearchAssist
            ? SearchBookingsAsync(plan, BackfillCheckpoints.ReadHigh(bookingsRow.BackfillCursor), stop.Token)
            : CountBookingsAsync(stop.Token);
        var count = CountExamsAsync(stop.Token);
        var list = ListExamsAsync(plan, after, done, stop.Token);
        var reads = Enumerable.Range(0, options.BackfillParallelism).Select(_ => ReadBookingsAsync(plan, stop.Token)).ToList();
        Task[] streams = [search, count, list, .. reads];
        try
        {
            await FirstFailureAsync(streams);
        }
        catch
        {
            // One stream failed: stop the others before the error goes up (their checkpoints stay valid).
            await stop.CancelAsync();
            await Task.WhenAll(streams).ContinueWith(_ => { }, TaskScheduler.Default);
            throw;
        }
    }

    // Waits for every task, but throws as soon as one fails rather than when all are done.
    private static async Task FirstFailureAsync(IEnumerable<Task> tasks)
    {
        var pending = tasks.ToList();
        while (pending.Count > 0)
        {
            var finished = await Task.WhenAny(pending);
            await finished;
            pending.Remove(finished);
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
    // are written as it arrives, and the booking ids of the pages listed so far are fetched in one association read
    // (up to 1,000 exams) whenever the batch reads are running low, so that few of those calls are spent. The first
    // page's ids are fetched at once, so the batch reads start as soon as possible; pages reach them in list order.
    private async Task ListExamsAsync(BookingBackfillPlan plan, string? after, bool done, CancellationToken cancellationToken)
    {
        using var scope = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var listed = new Queue<ListedPage>();
        var writes = new List<Task>();
        var listDone = done;
        var listing = done ? null : ListExamsPageAsync(after, scope.Token);
        Task<AssociatedPages>? associating = null;
        Task<AssociatedPages>? AssociateIfDue() =>
            listed.Count > 0 && (listDone || listed.Count >= PagesPerAssociationRead || plan.RunningLowAsync(RunningLowIds).IsCompleted)
                ? AssociatePagesAsync([.. Dequeue(listed, PagesPerAssociationRead)], scope.Token)
                : null;
        try
        {
            while (listing is not null || associating is not null || listed.Count > 0)
            {
                associating ??= AssociateIfDue();
                Task[] waits = [.. new Task?[] { listing, associating, associating is null && listed.Count > 0 ? plan.RunningLowAsync(RunningLowIds) : null }.OfType<Task>()];
                var finished = await Task.WhenAny(waits);
                if (finished == listing)
                {
                    var page = await listing;
                    listDone = page.Next is null;
                    var prepared = PreparePage(page, scope.Token);
                    writes.Add(prepared.Written);
                    listed.Enqueue(prepared);
                    // The reads wait for these ids and the list does not: the association read goes first in line for the budget.
                    associating ??= AssociateIfDue();
                    listing = listDone ? null : ListExamsPageAsync(page.Next, scope.Token);
                }
                else if (finished == associating)
                {
                    foreach (var (next, written, bookingIds) in (await associating).Pages)
                    {
                        // A page's exams are in the replica before any checkpoint can move past it.
                        await written;
                        plan.AddPage(next, bookingIds);
                    }
                    associating = null;
                }
            }
        }
        catch
        {
            // Leave nothing running behind: the caller stops the other streams and reports the first error.
            await scope.CancelAsync();
            await Task.WhenAll([.. new Task?[] { listing, associating }.OfType<Task>(), .. writes])
                .ContinueWith(_ => { }, TaskScheduler.Default);
            throw;
        }
        plan.ListFinished();
    }

    private async Task<HubSpotPage<HubSpotExam>> ListExamsPageAsync(string? after, CancellationToken cancellationToken)
    {
        var page = await hubSpot.ListExamsPageAsync(after, HubSpotLane.Backfill, cancellationToken: cancellationToken);
        Interlocked.Increment(ref _calls);
        return page;
    }

    private ListedPage PreparePage(HubSpotPage<HubSpotExam> page, CancellationToken cancellationToken)
    {
        var records = page.Items.Select(e => e.ToRecord()).ToList();
        return new ListedPage(page.Next, [.. records.Where(e => !e.Archived).Select(e => e.HubSpotId)], WriteExamsAsync(records, cancellationToken));
    }

    private static IEnumerable<ListedPage> Dequeue(Queue<ListedPage> listed, int most)
    {
        for (var taken = 0; taken < most && listed.TryDequeue(out var page); taken++)
        {
            yield return page;
        }
    }

    // The live exams' booking ids of several listed pages, one association read, split back by page.
    private async Task<AssociatedPages> AssociatePagesAsync(IReadOnlyList<ListedPage> pages, CancellationToken cancellationToken)
    {
        var live = pages.SelectMany(p => p.LiveExamIds).ToList();
        var bookingIds = live.Count == 0
            ? new Dictionary<string, IReadOnlyList<string>>()
            : await hubSpot.GetBookingIdsForExamsAsync(live, HubSpotLane.Backfill, cancellationToken);
        if (live.Count > 0)
        {
            Interlocked.Increment(ref _calls);
        }
        return new AssociatedPages([.. pages.Select(p => (p.NextCursor, p.Written, BookingIdsOf(p.LiveExamIds, bookingIds)))]);
    }

    private List<long> BookingIdsOf(IEnumerable<string> examIds, IReadOnlyDictionary<string, IReadOnlyList<string>> bookingIds)
    {
        var ids = new List<long>();
        foreach (var examId in examIds)
        {
            foreach (var id in bookingIds.GetValueOrDefault(examId) ?? [])
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
        // Return to the list loop at once: its next HubSpot calls get in line for the budget before this write's work.
        await Task.Yield();
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

    private sealed record ListedPage(string? NextCursor, List<string> LiveExamIds, Task Written);

    private sealed record AssociatedPages(List<(string? NextCursor, Task Written, List<long> BookingIds)> Pages);
}
