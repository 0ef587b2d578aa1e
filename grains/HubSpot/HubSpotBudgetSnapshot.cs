namespace MockExams.Grains.HubSpot;

/// <summary>The shared budget as Redis holds it now.</summary>
/// <param name="Tokens">Calls that may be made at once from the 10-second bucket.</param>
/// <param name="SearchTokens">Searches that may be made at once.</param>
/// <param name="DailyUsed">Calls counted against today's limit (the account's day).</param>
/// <param name="PausedFor">How long the 10-second bucket stays paused after a 429 (zero when not paused).</param>
/// <param name="SearchPausedFor">How long searches stay paused after a 429 (zero when not paused).</param>
public sealed record HubSpotBudgetSnapshot(
    double Tokens, double SearchTokens, long DailyUsed, TimeSpan PausedFor, TimeSpan SearchPausedFor);
