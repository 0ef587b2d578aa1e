namespace MockExams.Grains.HubSpot;

/// <summary>
/// A token bucket in this process's memory: the governor's fallback while Redis (the shared bucket) is unreachable.
/// Its shape is this process's share of the shared one (<see cref="HubSpotBudgetShape"/> divided among the processes
/// that may be spending the same token), so all of them together stay within HubSpot's limit without talking.
/// It also remembers when it granted each call, so the shared bucket can be charged for the recent ones when
/// Redis returns (<see cref="TakeRecentGrants"/>).
/// </summary>
public sealed class LocalHubSpotBucket(TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Queue<long> _grants = new();
    private double _tokens = double.NaN;
    private long _refilledAt;
    private long _pausedUntil;

    /// <summary>
    /// Takes one token of a bucket of <paramref name="shape"/>, or says how long until one comes. A bucket used
    /// for the first time starts empty: the process cannot know what it spent through Redis a moment ago.
    /// </summary>
    public TimeSpan TryTake(HubSpotBudgetShape shape)
    {
        lock (_lock)
        {
            var now = time.GetTimestamp();
            if (_pausedUntil > now)
            {
                return time.GetElapsedTime(now, _pausedUntil);
            }

            if (double.IsNaN(_tokens))
            {
                _tokens = 0;
                _refilledAt = now;
            }

            _tokens = Math.Min(shape.Capacity, _tokens + time.GetElapsedTime(_refilledAt, now).TotalSeconds * shape.TokensPerSecond);
            _refilledAt = now;
            if (_tokens >= 1)
            {
                _tokens -= 1;
                _grants.Enqueue(now);
                return TimeSpan.Zero;
            }

            return TimeSpan.FromSeconds((1 - _tokens) / shape.TokensPerSecond);
        }
    }

    /// <summary>HubSpot answered 429 while Redis was away: nothing is granted here for <paramref name="pause"/>.</summary>
    public void Pause(TimeSpan pause)
    {
        lock (_lock)
        {
            var until = time.GetTimestamp() + (long)(pause.TotalSeconds * time.TimestampFrequency);
            _pausedUntil = Math.Max(_pausedUntil, until);
            _tokens = 0;
        }
    }

    /// <summary>Whether calls were granted here that the shared budget has not been charged for.</summary>
    public bool HasGrants
    {
        get
        {
            lock (_lock)
            {
                return _grants.Count > 0;
            }
        }
    }

    /// <summary>
    /// The calls granted here within the last <paramref name="window"/> and in all, forgotten once returned: the shared
    /// bucket is charged for the recent ones when Redis returns, so they and the shared bucket's burst never land in
    /// one HubSpot window, and the daily counter for all. The bucket itself starts empty again next time.
    /// </summary>
    public (int Recent, int Total) TakeGrants(TimeSpan window)
    {
        lock (_lock)
        {
            var since = time.GetTimestamp() - (long)(window.TotalSeconds * time.TimestampFrequency);
            var recent = _grants.Count(at => at > since);
            var total = _grants.Count;
            _grants.Clear();
            _tokens = double.NaN;
            return (recent, total);
        }
    }

    /// <summary>Grants taken by <see cref="TakeGrants"/> whose charge did not reach Redis: owed again, as of now.</summary>
    public void ReturnGrants(int count)
    {
        lock (_lock)
        {
            var now = time.GetTimestamp();
            for (var i = 0; i < count; i++)
            {
                _grants.Enqueue(now);
            }
        }
    }
}
