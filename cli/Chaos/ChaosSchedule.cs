namespace MockExams.Cli.Chaos;

/// <summary>The faults of a run, a pure function of seed and duration, so <c>--seed</c> replays a schedule.</summary>
public static class ChaosSchedule
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan QuietEnd = TimeSpan.FromSeconds(10);

    public static IReadOnlyList<ChaosFault> For(int seed, TimeSpan duration)
    {
        var random = new Random(seed);
        var window = duration - WarmUp - QuietEnd;
        if (window <= TimeSpan.Zero)
        {
            return [];
        }

        // Every kind once, in a seeded order; a longer run repeats them, one fault about every 12 s.
        var kinds = Enum.GetValues<ChaosFaultKind>();
        var count = Math.Max(kinds.Length, (int)(window.TotalSeconds / 12));
        var order = new List<ChaosFaultKind>();
        while (order.Count < count)
        {
            order.AddRange(kinds.OrderBy(_ => random.Next()));
        }

        var step = window / count;
        return [.. order.Take(count).Select((kind, i) =>
        {
            var at = WarmUp + step * i + step * random.NextDouble() * 0.5;
            var lasts = LastsFor(kind);
            // A fault never outlasts the run's quiet end.
            var latest = duration - QuietEnd - at;
            return new ChaosFault(kind, at, lasts < latest ? lasts : latest);
        })];
    }

    private static TimeSpan LastsFor(ChaosFaultKind kind) => kind switch
    {
        ChaosFaultKind.KillSilo => TimeSpan.FromSeconds(5),
        ChaosFaultKind.RestartRedis => TimeSpan.FromSeconds(3),
        ChaosFaultKind.FlushAll => TimeSpan.Zero,
        ChaosFaultKind.StopPostgres => TimeSpan.FromSeconds(20),
        ChaosFaultKind.TightBudget => TimeSpan.FromSeconds(20),
        _ => TimeSpan.FromSeconds(15),
    };
}
