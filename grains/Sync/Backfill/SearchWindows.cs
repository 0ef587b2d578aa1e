namespace MockExams.Grains.Sync.Backfill;

/// <summary>
/// Cuts the booking ids below the search's start into consecutive windows, highest first, each sized to hold about
/// one search page, so several searches can run at once (HubSpot's search answers take a few hundred milliseconds;
/// one stream alone would leave the search budget unused). A window is searched by one stream, keyset-style, until a
/// page comes back short. Windows are handed out only above what the batch reads have claimed. Thread-safe.
/// </summary>
/// <remarks>
/// Checkpoint: every id at or above <see cref="CoveredFromIfDone"/> is written, counting the window about to be done
/// (so the value can be saved in its last page's own transaction); windows finish out of order, so only a run of
/// finished windows from the top moves it.
/// </remarks>
/// <param name="highestId">The highest id left to search (inclusive).</param>
/// <param name="width">Ids per window.</param>
public sealed class SearchWindows(long highestId, long width)
{
    private readonly Lock _lock = new();
    private readonly List<SearchWindow> _windows = [];
    private long _nextHigh = highestId;
    private int _donePrefix = -1;
    private bool _exhausted;

    /// <summary>The next window to search, or null when none is left above <paramref name="claimedUpTo"/> (the reads' side).</summary>
    public SearchWindow? Next(long? claimedUpTo)
    {
        lock (_lock)
        {
            var floor = (claimedUpTo ?? 0) + 1;
            if (_exhausted || _nextHigh < floor)
            {
                _exhausted = true;
                return null;
            }
            var low = Math.Max(floor, _nextHigh - width + 1);
            var window = new SearchWindow(_windows.Count, low, _nextHigh);
            _windows.Add(window);
            _nextHigh = low - 1;
            return window;
        }
    }

    /// <summary>The position to save with <paramref name="window"/>'s last page, when finishing it extends the run of finished windows.</summary>
    public long? CoveredFromIfDone(SearchWindow window)
    {
        lock (_lock)
        {
            var end = _donePrefix;
            while (end + 1 < _windows.Count && (end + 1 == window.Index || _windows[end + 1].Done))
            {
                end++;
            }
            return end > _donePrefix && end >= window.Index ? _windows[end].Low : null;
        }
    }

    /// <summary>Every id at or above this is written (the run of finished windows from the top); null before the first.</summary>
    public long? CoveredFrom
    {
        get
        {
            lock (_lock)
            {
                return _donePrefix < 0 ? null : _windows[_donePrefix].Low;
            }
        }
    }

    public void Finished(SearchWindow window)
    {
        lock (_lock)
        {
            window.Done = true;
            while (_donePrefix + 1 < _windows.Count && _windows[_donePrefix + 1].Done)
            {
                _donePrefix++;
            }
        }
    }
}

/// <summary>Booking ids <see cref="Low"/>..<see cref="High"/> (inclusive), searched highest first.</summary>
public sealed class SearchWindow(int index, long low, long high)
{
    public int Index { get; } = index;

    public long Low { get; } = low;

    public long High { get; } = high;

    /// <summary>Where the next page of this window starts (exclusive upper bound); moves down after each full page.</summary>
    public long Below { get; set; } = high + 1;

    public bool Done { get; set; }
}
