namespace MockExams.Sandbox.Limits;

/// <summary>Budget use right now: per token in the current ten-second window, today's total, search in the last second.</summary>
public sealed record BudgetSnapshot(
    IReadOnlyDictionary<string, int> UsedInTenSecondWindowByToken,
    int UsedToday,
    int DailyLimit,
    int SearchInLastSecond);
