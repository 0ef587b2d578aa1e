namespace MockExams.Grains.HubSpot;

/// <summary>
/// HubSpot itself answered 429 and the budget did not come back within the caller's deadline.
/// <see cref="PolicyName"/> is HubSpot's: <c>TEN_SECONDLY_ROLLING</c>, <c>SECONDLY</c> or <c>DAILY</c>.
/// </summary>
public sealed class HubSpotRateLimitedException(
    string policyName, HubSpotLane lane, TimeSpan retryAfter, string? correlationId)
    : HubSpotOverBudgetException(
        $"HubSpot answered 429 ({policyName}); retry after {retryAfter.TotalSeconds:0.#} s.", lane, retryAfter, 429, correlationId)
{
    public string PolicyName { get; } = policyName;
}
