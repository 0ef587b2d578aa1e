namespace MockExams.Sandbox.Limits;

/// <summary>HubSpot's 429 body: errorType instead of category, and the policy that was hit.</summary>
public sealed record RateLimitBody(string Status, string Message, string ErrorType, string CorrelationId, string PolicyName, string RequestId);
