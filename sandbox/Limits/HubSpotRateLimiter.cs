using MockExams.Sandbox.Configuration;

namespace MockExams.Sandbox.Limits;

/// <summary>
/// HubSpot's budgets: a rolling ten-second window per token, a daily count per account (reset at
/// midnight UTC: the account's time zone is UTC here) and a per-second limit for search.
/// A refused call uses no budget, so a client that keeps retrying into a 429 recovers as soon as
/// the window rolls (HubSpot does not document otherwise).
/// </summary>
public sealed class HubSpotRateLimiter(SandboxConfig config, TimeProvider time)
{
    private static readonly TimeSpan TenSeconds = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> _windows = new(StringComparer.Ordinal);
    private readonly Queue<DateTimeOffset> _search = new();
    private DateOnly _day;
    private int _usedToday;

    public RateLimitDecision Acquire(string token, RequestKind kind)
    {
        var settings = config.Current;
        lock (_lock)
        {
            var now = time.GetUtcNow();
            RollDay(now);
            var window = Window(token, now);
            Prune(_search, now - OneSecond);

            var countsDaily = kind != RequestKind.Search || settings.SearchCountsTowardDaily;
            if (countsDaily && _usedToday >= settings.DailyLimit)
            {
                var midnight = new DateTimeOffset(_day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                return Decide(RateLimitPolicy.Daily, window, settings, midnight - now);
            }

            switch (kind)
            {
                case RequestKind.Search when _search.Count >= settings.SearchPerSecond:
                    return Decide(RateLimitPolicy.Secondly, window, settings, _search.Peek() + OneSecond - now);
                case RequestKind.Search:
                    _search.Enqueue(now);
                    break;
                case RequestKind.Standard when window.Count >= settings.CallsPerTenSeconds:
                    return Decide(RateLimitPolicy.TenSecondlyRolling, window, settings, window.Peek() + TenSeconds - now);
                case RequestKind.Standard:
                    window.Enqueue(now);
                    break;
                case RequestKind.TenSecondlyExempt:
                    break;
            }

            if (countsDaily)
            {
                _usedToday++;
            }

            return Decide(null, window, settings, TimeSpan.Zero);
        }
    }

    public BudgetSnapshot Snapshot()
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            RollDay(now);
            Prune(_search, now - OneSecond);
            var byToken = _windows.Keys.ToDictionary(token => token, token => Window(token, now).Count);
            return new BudgetSnapshot(byToken, _usedToday, config.Current.DailyLimit, _search.Count);
        }
    }

    public void Reset()
    {
        lock (_lock)
        {
            _windows.Clear();
            _search.Clear();
            _usedToday = 0;
        }
    }

    private RateLimitDecision Decide(string? refusedBy, Queue<DateTimeOffset> window, SandboxSettings settings, TimeSpan retryAfter) =>
        new(refusedBy,
            settings.CallsPerTenSeconds,
            Math.Max(0, settings.CallsPerTenSeconds - window.Count),
            settings.DailyLimit,
            Math.Max(0, settings.DailyLimit - _usedToday),
            retryAfter < TimeSpan.Zero ? TimeSpan.Zero : retryAfter);

    private Queue<DateTimeOffset> Window(string token, DateTimeOffset now)
    {
        if (!_windows.TryGetValue(token, out var window))
        {
            _windows[token] = window = new Queue<DateTimeOffset>();
        }

        Prune(window, now - TenSeconds);
        return window;
    }

    private void RollDay(DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (today != _day)
        {
            _day = today;
            _usedToday = 0;
        }
    }

    private static void Prune(Queue<DateTimeOffset> queue, DateTimeOffset windowStart)
    {
        while (queue.TryPeek(out var oldest) && oldest <= windowStart)
        {
            queue.Dequeue();
        }
    }
}
