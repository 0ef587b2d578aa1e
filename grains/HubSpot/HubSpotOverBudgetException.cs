namespace MockExams.Grains.HubSpot;

/// <summary>
/// No HubSpot budget could be had within the caller's deadline. Retry after <see cref="RetryAfter"/>;
/// the api answers 503 with a <c>Retry-After</c> header.
/// </summary>
public class HubSpotOverBudgetException(
    string message, HubSpotLane lane, TimeSpan retryAfter, int? statusCode = null, string? correlationId = null, Exception? inner = null)
    : HubSpotException(message, statusCode, statusCode is null ? null : "RATE_LIMIT", correlationId, inner)
{
    public HubSpotLane Lane { get; } = lane;

    /// <summary>When budget is expected again (never negative).</summary>
    public TimeSpan RetryAfter { get; } = retryAfter < TimeSpan.Zero ? TimeSpan.Zero : retryAfter;

    /// <summary><see cref="RetryAfter"/> in whole seconds, rounded up, as a Retry-After header wants it.</summary>
    public int RetryAfterSeconds => (int)Math.Ceiling(RetryAfter.TotalSeconds);
}
