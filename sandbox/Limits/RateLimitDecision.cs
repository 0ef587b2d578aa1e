namespace MockExams.Sandbox.Limits;

/// <summary>Whether a call may go ahead, which policy refused it, and the figures for the X-HubSpot-RateLimit-* headers.</summary>
public sealed record RateLimitDecision(
    string? RefusedBy,
    int WindowMax,
    int WindowRemaining,
    int DailyMax,
    int DailyRemaining,
    TimeSpan RetryAfter)
{
    public bool Allowed => RefusedBy is null;
}
