namespace MockExams.Grains.HubSpot;

/// <summary>What the transport tells the resilience handler about a request (read back in its callbacks).</summary>
internal static class HubSpotRequestOptions
{
    public static readonly HttpRequestOptionsKey<HubSpotLane> Lane = new("MockExams.HubSpot.Lane");
    public static readonly HttpRequestOptionsKey<HubSpotCallKind> Kind = new("MockExams.HubSpot.Kind");
    public static readonly HttpRequestOptionsKey<bool> Retryable = new("MockExams.HubSpot.Retryable");
    public static readonly HttpRequestOptionsKey<HubSpotAttempts> Attempts = new("MockExams.HubSpot.Attempts");
}
