using MockExams.Grains.HubSpot;

namespace MockExams.Cli.Budget;

/// <summary>
/// Sits in front of the real governor in a worker process: counts what it grants, by lane and kind, and how long
/// each grant waited; once the measured time is over it grants nothing more, so calls already in flight finish
/// but no new one starts. It decides nothing itself.
/// </summary>
internal sealed class CountingBudget(RedisHubSpotBudget inner, TimeProvider time) : IHubSpotBudget
{
    private readonly Lock _lock = new();
    private readonly Dictionary<HubSpotLane, LaneTally> _lanes = [];
    private CancellationToken _stop = CancellationToken.None;
    private bool _counting;

    /// <summary>Counts from now; grants nothing once <paramref name="stop"/> is cancelled.</summary>
    public void Start(CancellationToken stop)
    {
        lock (_lock)
        {
            _lanes.Clear();
            _stop = stop;
            _counting = true;
        }
    }

    public async Task AcquireAsync(HubSpotLane lane, HubSpotCallKind kind, TimeSpan maxWait, CancellationToken cancellationToken = default)
    {
        var stop = _stop;
        stop.ThrowIfCancellationRequested();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stop);
        var started = time.GetTimestamp();
        await inner.AcquireAsync(lane, kind, maxWait, linked.Token);
        var waited = time.GetElapsedTime(started);
        lock (_lock)
        {
            if (_counting)
            {
                Tally(lane).Granted(kind, waited);
            }
        }
    }

    public Task<TimeSpan> PauseAsync(HubSpotCallKind kind, string? policyName, TimeSpan? retryAfter, CancellationToken cancellationToken = default) =>
        inner.PauseAsync(kind, policyName, retryAfter, cancellationToken);

    public Task<TimeSpan> ReportWindowRemainingAsync(int remaining, int max, CancellationToken cancellationToken = default) =>
        inner.ReportWindowRemainingAsync(remaining, max, cancellationToken);

    public Task<HubSpotBudgetSnapshot> GetSnapshotAsync(CancellationToken cancellationToken = default) =>
        inner.GetSnapshotAsync(cancellationToken);

    /// <summary>Records how a call of <paramref name="lane"/> ended when it did not succeed.</summary>
    public void Outcome(HubSpotLane lane, Exception failure)
    {
        lock (_lock)
        {
            var tally = Tally(lane);
            switch (failure)
            {
                // First: a 429 that outlasted the deadline is also an over-budget outcome.
                case HubSpotRateLimitedException:
                    tally.RateLimited++;
                    break;
                case HubSpotOverBudgetException:
                    tally.Refused++;
                    break;
                default:
                    tally.Failed++;
                    break;
            }
        }
    }

    public IReadOnlyList<LaneCounts> Counts()
    {
        lock (_lock)
        {
            return [.. _lanes.OrderBy(l => l.Key).Select(l => l.Value.ToCounts(BudgetBenchResult.LaneName(l.Key)))];
        }
    }

    private LaneTally Tally(HubSpotLane lane)
    {
        if (!_lanes.TryGetValue(lane, out var tally))
        {
            _lanes[lane] = tally = new LaneTally();
        }
        return tally;
    }

    private sealed class LaneTally
    {
        private readonly List<double> _waitsMs = [];
        private long _calls;
        private long _searches;

        public long Refused { get; set; }

        public long RateLimited { get; set; }

        public long Failed { get; set; }

        public void Granted(HubSpotCallKind kind, TimeSpan waited)
        {
            if (kind == HubSpotCallKind.Search)
            {
                _searches++;
                return;
            }
            _calls++;
            _waitsMs.Add(Math.Round(waited.TotalMilliseconds, 1));
        }

        public LaneCounts ToCounts(string lane) => new(lane, _calls, _searches, [.. _waitsMs], Refused, RateLimited, Failed);
    }
}
