namespace MockExams.Grains.Sync.Backfill;

/// <summary>
/// Shares the bookings between two ends that meet: batch reads (the 10-second budget) take the bookings of each exam
/// page as soon as the page is listed, in list order, while a keyset search (the search budget) copies from the highest
/// booking id down. A read chunk only takes ids below what the search has covered, and the search stops where the reads
/// have claimed, so both budgets stay busy and nothing is fetched twice but the chunks in flight when they meet.
/// Thread-safe.
/// </summary>
/// <remarks>
/// Checkpoint: the list cursor after the last exam page whose bookings are all in the replica (with every page before
/// it). <see cref="CheckpointFor"/> computes it counting the chunk about to commit, so the value can be saved in that
/// chunk's own transaction; other chunks count only once <see cref="Committed"/>. A resumed backfill lists again from
/// that cursor, skipping booking ids at or above the search's saved position.
/// </remarks>
public sealed class BookingBackfillPlan(long? searchedDownTo)
{
    private readonly Lock _lock = new();
    private readonly List<PageWork> _pages = [];
    private readonly SemaphoreSlim _changed = new(0);
    private int _page;
    private int _offset;
    private int _completedPrefix = -1;
    private bool _listFinished;
    private int _waiting;
    private long _high = searchedDownTo ?? long.MaxValue;
    private long? _maxClaimed;
    private int _unclaimed;
    private (int Below, TaskCompletionSource Signal)? _runningLow;

    /// <summary>The highest id claimed by batch reads so far: the search need not look at or below it.</summary>
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

    /// <summary>Every exam page is listed and every claimed chunk committed: nothing is left for batch reads.</summary>
    public bool ReadsFinished
    {
        get
        {
            lock (_lock)
            {
                return _listFinished && _completedPrefix == _pages.Count - 1;
            }
        }
    }

    /// <summary>The bookings of the next exam page (any order); <paramref name="nextCursor"/> is the list cursor after it.</summary>
    public void AddPage(string? nextCursor, IEnumerable<long> bookingIds)
    {
        lock (_lock)
        {
            var page = new PageWork(nextCursor, [.. bookingIds.Distinct().Order()]);
            _pages.Add(page);
            _unclaimed += page.Ids.Length;
        }
        Wake();
    }

    /// <summary>
    /// Completes once fewer than <paramref name="below"/> listed ids are left to claim (at once if so already): the
    /// batch reads are about to run out, so the next pages' ids are wanted. One waiter at a time.
    /// </summary>
    public Task RunningLowAsync(int below)
    {
        lock (_lock)
        {
            if (_unclaimed < below)
            {
                return Task.CompletedTask;
            }
            if (_runningLow is not { } low || low.Below != below)
            {
                _runningLow = low = (below, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            }
            return low.Signal.Task;
        }
    }

    /// <summary>The exam list has no more pages.</summary>
    public void ListFinished()
    {
        lock (_lock)
        {
            _listFinished = true;
        }
        Wake();
    }

    /// <summary>Search has written every id at or above <paramref name="lowestId"/>: batch reads take only ids below it.</summary>
    public void SearchCovered(long lowestId)
    {
        lock (_lock)
        {
            _high = Math.Min(_high, lowestId);
        }
    }

    /// <summary>
    /// The next (up to) <paramref name="size"/> ids of the current page, waiting for pages still being listed; an empty
    /// chunk when a page has nothing left to read (it still carries the page's checkpoint). Null when all is claimed.
    /// </summary>
    public async Task<BookingChunk?> ClaimAsync(int size, CancellationToken cancellationToken)
    {
        while (true)
        {
            lock (_lock)
            {
                if (TryClaimLocked(size) is { } chunk)
                {
                    return chunk;
                }
                if (_listFinished)
                {
                    return null;
                }
                _waiting++;
            }
            try
            {
                await _changed.WaitAsync(cancellationToken);
            }
            finally
            {
                lock (_lock)
                {
                    _waiting--;
                }
            }
        }
    }

    /// <summary>
    /// The exam list position to save with <paramref name="chunk"/>'s rows, as (cursor, done), when committing it
    /// completes a run of pages from the last saved one; null when it does not.
    /// </summary>
    public (string? Cursor, bool Done)? CheckpointFor(BookingChunk chunk)
    {
        lock (_lock)
        {
            var end = _completedPrefix;
            while (end + 1 < _pages.Count && Complete(_pages[end + 1], counting: end + 1 == chunk.Page ? 1 : 0))
            {
                end++;
            }
            return end > _completedPrefix && end >= chunk.Page
                ? (_pages[end].NextCursor, _listFinished && end == _pages.Count - 1)
                : null;
        }
    }

    /// <summary>Records that <paramref name="chunk"/>'s rows are in the replica.</summary>
    public void Committed(BookingChunk chunk)
    {
        lock (_lock)
        {
            _pages[chunk.Page].ChunksCommitted++;
            AdvancePrefixLocked();
        }
    }

    private BookingChunk? TryClaimLocked(int size)
    {
        while (_page < _pages.Count)
        {
            var page = _pages[_page];
            var taken = new List<long>(size);
            while (_offset < page.Ids.Length && taken.Count < size)
            {
                var id = page.Ids[_offset++];
                _unclaimed--;
                if (id < _high)
                {
                    taken.Add(id);
                }
            }
            if (_runningLow is { } low && _unclaimed < low.Below)
            {
                _runningLow = null;
                low.Signal.TrySetResult();
            }
            var index = _page;
            var exhausted = _offset >= page.Ids.Length;
            if (exhausted)
            {
                page.FullyClaimed = true;
                _page++;
                _offset = 0;
            }
            if (taken.Count > 0 || page.ChunksClaimed == 0 && exhausted)
            {
                page.ChunksClaimed++;
                if (taken.Count > 0)
                {
                    _maxClaimed = Math.Max(_maxClaimed ?? long.MinValue, taken[^1]);
                }
                return new BookingChunk(index, [.. taken]);
            }
            AdvancePrefixLocked();
        }
        return null;
    }

    private void AdvancePrefixLocked()
    {
        while (_completedPrefix + 1 < _pages.Count && Complete(_pages[_completedPrefix + 1], counting: 0))
        {
            _completedPrefix++;
        }
    }

    private static bool Complete(PageWork page, int counting) =>
        page.FullyClaimed && page.ChunksCommitted + counting == page.ChunksClaimed;

    private void Wake()
    {
        int waiting;
        lock (_lock)
        {
            waiting = _waiting;
        }
        if (waiting > 0)
        {
            _changed.Release(waiting);
        }
    }

    private sealed class PageWork(string? nextCursor, long[] ids)
    {
        public string? NextCursor { get; } = nextCursor;

        public long[] Ids { get; } = ids;

        public int ChunksClaimed { get; set; }

        public int ChunksCommitted { get; set; }

        public bool FullyClaimed { get; set; }
    }
}
