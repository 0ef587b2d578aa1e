namespace MockExams.Grains.Sync.Backfill;

/// <summary>
/// Splits the bookings between two ends that meet in the middle: batch reads (the 10-second budget) claim known
/// booking ids in chunks from the lowest up, while a keyset search (the search budget) copies from the highest id
/// down. Neither waits for the other, so both budgets stay busy until they meet. Thread-safe.
/// </summary>
/// <remarks>
/// Checkpoints: <see cref="LowIfCommitted"/> gives the id below which every claimed chunk is in the replica, counting
/// the chunk about to commit, so the value can be saved in that chunk's own transaction; the search side saves the
/// lowest id of each page it writes (<see cref="SearchCovered"/>). A resumed backfill skips ids at or below the saved
/// low and at or above the saved high.
/// </remarks>
public sealed class BookingBackfillPlan
{
    private readonly Lock _lock = new();
    private readonly long[] _ids;
    private readonly List<BookingChunk> _claimed = [];
    private readonly HashSet<int> _committed = [];
    private int _next;
    private int _committedPrefix = -1;
    private long _high;
    private long? _maxClaimed;

    /// <param name="ids">Known booking ids (any order, duplicates allowed).</param>
    /// <param name="low">Saved checkpoint: every id at or below it is already written.</param>
    /// <param name="high">Saved checkpoint: every id at or above it is already written (by search).</param>
    public BookingBackfillPlan(IEnumerable<long> ids, long? low, long? high)
    {
        _high = high ?? long.MaxValue;
        _ids = [.. ids.Where(id => id > (low ?? long.MinValue) && id < _high).Distinct().Order()];
        _maxClaimed = low;
    }

    /// <summary>Ids the plan started with (those not yet covered by a checkpoint).</summary>
    public int Count => _ids.Length;

    /// <summary>The highest id claimed by batch reads so far (or the saved low): search need not look at or below it.</summary>
    public long? MaxClaimed
    {
        get
        {
            lock (_lock)
            {
                return _maxClaimed;
            }
        }
    }

    /// <summary>Search has written every id at or above <paramref name="lowestId"/>: batch reads stop below it.</summary>
    public void SearchCovered(long lowestId)
    {
        lock (_lock)
        {
            _high = Math.Min(_high, lowestId);
        }
    }

    /// <summary>Claims the next (up to) <paramref name="size"/> ids for a batch read; false when none are left below the search.</summary>
    public bool TryClaim(int size, out BookingChunk chunk)
    {
        lock (_lock)
        {
            var end = _next;
            while (end < _ids.Length && end - _next < size && _ids[end] < _high)
            {
                end++;
            }
            if (end == _next)
            {
                chunk = null!;   // not used when false
                return false;
            }
            chunk = new BookingChunk(_claimed.Count, _ids[_next..end]);
            _claimed.Add(chunk);
            _next = end;
            _maxClaimed = chunk.Ids[^1];
            return true;
        }
    }

    /// <summary>
    /// The low checkpoint to save with <paramref name="chunk"/>'s rows: the last id of the longest run of claimed
    /// chunks that are committed, or are this one. Null when this chunk does not extend that run.
    /// </summary>
    public long? LowIfCommitted(BookingChunk chunk)
    {
        lock (_lock)
        {
            var end = _committedPrefix;
            while (end + 1 < _claimed.Count && (end + 1 == chunk.Sequence || _committed.Contains(end + 1)))
            {
                end++;
            }
            return end > _committedPrefix && end >= chunk.Sequence ? _claimed[end].Ids[^1] : null;
        }
    }

    /// <summary>Records that <paramref name="chunk"/>'s rows are in the replica.</summary>
    public void Committed(BookingChunk chunk)
    {
        lock (_lock)
        {
            _committed.Add(chunk.Sequence);
            while (_committed.Contains(_committedPrefix + 1))
            {
                _committedPrefix++;
            }
        }
    }
}
