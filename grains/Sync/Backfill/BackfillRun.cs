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
/// One backfill's work. Exams page through the list API (100 per call); then the bookings of the live exams are
/// found through their associations (1,000 exams per call) and batch-read 100 per call, several in flight, from the
/// lowest id up, while a search from the highest id down copies 200 per call on the search budget from the very start.
/// Each write carries its checkpoint, so a killed run resumes with at most the chunks in flight done twice.
/// </summary>
/// <remarks>
/// Bookings associated with no exam are copied only where the search reaches; reconciliation reports the others.
/// </remarks>
internal sealed class BackfillRun(
    HubSpotClient hubSpot, ReplicaBulkWriter writer, SyncStateStore state, SyncReader reader, SyncOptions options,
    IProgress<BackfillProgress>? progress, Stopwatch clock)
{
    private readonly ConcurrentDictionary<string, byte> _touchedExams = new(StringComparer.Ordinal);
    private long _examsWritten;
    private long _bookingsWritten;
    private long _calls;
    private long _searchCalls;
    private long? _examsTotal;
    private long? _bookingsTotal;
    private BookingBackfillPlan? _plan;

    // The lowest booking id the search side has written down to (every id at or above it is in the replica).
    private long _searchCoveredFrom = long.MaxValue;

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
        var (low, high) = BackfillCheckpoints.ReadBookings(bookingsRow.BackfillCursor);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var search = options.BackfillSearchAssist
            ? SearchBookingsAsync(low, high, stop.Token)
            : Task.CompletedTask;
        try
        {
            await CountExamsAsync(examsRow, stop.Token);
            await CopyExamsAsync(examsRow.BackfillCursor, stop.Token);
            await ReadBookingsAsync(low, high, stop.Token);
            await search;
        }
        catch
        {
            // One side failed: stop the other before the error goes up (its checkpoints stay valid).
            await stop.CancelAsync();
            await Task.WhenAny(search);
            throw;
        }
    }

    private async Task CountExamsAsync(SyncStateRow row, CancellationToken cancellationToken)
    {
        if (row.BackfillTotal is not null)
        {
            return;
        }
        var page = await hubSpot.SearchExamsByIdDescendingAsync(null, null, HubSpotLane.Backfill, cancellationToken);
        Interlocked.Increment(ref _searchCalls);
        _examsTotal = page.Total;
        await state.SetBackfillProgressAsync(SyncObjectTypes.Exams, "total", page.Total ?? page.Items.Count, cancellationToken);
    }

    // The list's next cursor is known as soon as a page arrives: fetch the next page while this one is written.
    private async Task CopyExamsAsync(string? cursor, CancellationToken cancellationToken)
    {
        var (after, done) = BackfillCheckpoints.ReadExams(cursor);
        var write = Task.CompletedTask;
        while (!done)
        {
            var page = await hubSpot.ListExamsPageAsync(after, HubSpotLane.Backfill, cancellationToken: cancellationToken);
            Interlocked.Increment(ref _calls);
            await write;
            after = page.Next;
            done = after is null;
            write = WriteExamsAsync(page.Items, BackfillCheckpoints.Exams(after, done), cancellationToken);
        }
        await write;
    }

    private async Task WriteExamsAsync(IReadOnlyList<HubSpotExam> exams, string checkpoint, CancellationToken cancellationToken)
    {
        var records = exams.Select(e => e.ToRecord()).ToList();
        await writer.UpsertExamsAsync(records, new ReplicaCheckpoint(SyncObjectTypes.Exams, checkpoint, records.Count), cancellationToken);
        foreach (var exam in records)
        {
            _touchedExams.TryAdd(exam.HubSpotId, 0);
        }
        Interlocked.Add(ref _examsWritten, records.Count);
        Report();
    }

    private async Task ReadBookingsAsync(long? low, long? high, CancellationToken cancellationToken)
    {
        var examIds = await reader.LiveExamIdsAsync(cancellationToken);
        var bookingsByExam = await hubSpot.GetBookingIdsForExamsAsync(examIds, HubSpotLane.Backfill, cancellationToken);
        Interlocked.Add(ref _calls, Math.Max(1, (examIds.Count + HubSpotClient.AssociationBatchSize - 1) / HubSpotClient.AssociationBatchSize));
        var examOf = new Dictionary<long, string>();
        foreach (var (examId, bookingIds) in bookingsByExam)
        {
            foreach (var id in bookingIds)
            {
                if (long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var bookingId))
                {
                    examOf[bookingId] = examId;
                }
            }
        }

        var plan = new BookingBackfillPlan(examOf.Keys, low, high);
        if (!options.BackfillSearchAssist && _bookingsTotal is null)
        {
            _bookingsTotal = plan.Count + BookingsWritten;
            await state.SetBackfillProgressAsync(SyncObjectTypes.Bookings, "total", _bookingsTotal.Value, cancellationToken);
        }
        // Publish, then catch up with the search: whichever side acts second sees the other's latest position.
        Interlocked.Exchange(ref _plan, plan);
        plan.SearchCovered(Interlocked.Read(ref _searchCoveredFrom));

        await Parallel.ForEachAsync(
            Enumerable.Range(0, options.BackfillParallelism),
            new ParallelOptions { MaxDegreeOfParallelism = options.BackfillParallelism, CancellationToken = cancellationToken },
            async (_, ct) =>
            {
                while (plan.TryClaim(HubSpotClient.BatchSize, out var chunk))
                {
                    var ids = chunk.Ids.Select(id => id.ToString(CultureInfo.InvariantCulture)).ToList();
                    var found = await hubSpot.GetBookingsAsync(ids, HubSpotLane.Backfill, ct);
                    Interlocked.Increment(ref _calls);
                    var records = found
                        .Select(b => b.ToRecord(examOf.GetValueOrDefault(long.Parse(b.Id, CultureInfo.InvariantCulture)) ?? ""))
                        .ToList();
                    var checkpoint = plan.LowIfCommitted(chunk) is { } newLow ? BackfillCheckpoints.Low(newLow) : "{}";
                    await WriteBookingsAsync(records, checkpoint, ct);
                    plan.Committed(chunk);
                }
            });
    }

    // Keyset pages from the highest id down, until the batch reads' side is reached.
    private async Task SearchBookingsAsync(long? low, long? high, CancellationToken cancellationToken)
    {
        var below = high;
        while (true)
        {
            var above = Volatile.Read(ref _plan)?.MaxClaimed ?? low;
            var page = await hubSpot.SearchBookingsByIdDescendingAsync(below, above, HubSpotLane.Backfill, cancellationToken);
            Interlocked.Increment(ref _searchCalls);
            if (_bookingsTotal is null && below is null && above is null)
            {
                _bookingsTotal = page.Total ?? page.Items.Count;
                await state.SetBackfillProgressAsync(SyncObjectTypes.Bookings, "total", _bookingsTotal.Value, cancellationToken);
            }
            if (page.Items.Count == 0)
            {
                return;
            }

            var lowest = page.Items.Min(b => long.Parse(b.Id, CultureInfo.InvariantCulture));
            await WriteBookingsAsync([.. page.Items.Select(b => b.ToRecord(""))], BackfillCheckpoints.High(lowest), cancellationToken);
            below = lowest;
            Interlocked.Exchange(ref _searchCoveredFrom, lowest);
            Volatile.Read(ref _plan)?.SearchCovered(lowest);
        }
    }

    private async Task WriteBookingsAsync(List<BookingRecord> records, string checkpoint, CancellationToken cancellationToken)
    {
        await writer.UpsertBookingsAsync(records, new ReplicaCheckpoint(SyncObjectTypes.Bookings, checkpoint, records.Count), cancellationToken);
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
