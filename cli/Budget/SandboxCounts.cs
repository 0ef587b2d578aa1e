namespace MockExams.Cli.Budget;

/// <summary>What the sandbox (HubSpot's side) had counted at one moment.</summary>
/// <param name="Calls">Answered calls on the 10-second budget (every endpoint but search; 429s excluded).</param>
/// <param name="Searches">Answered searches (429s excluded).</param>
/// <param name="RateLimitedByPolicy">429 answers so far, by HubSpot policy name.</param>
/// <param name="WindowUsed">Calls in HubSpot's current rolling 10-second window (the busiest token's).</param>
public sealed record SandboxCounts(long Calls, long Searches, IReadOnlyDictionary<string, long> RateLimitedByPolicy, int WindowUsed);

/// <summary>HubSpot's rolling 10-second count, sampled <paramref name="Seconds"/> after the start.</summary>
public sealed record WindowSample(double Seconds, int Used);
