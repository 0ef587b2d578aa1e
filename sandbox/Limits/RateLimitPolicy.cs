namespace MockExams.Sandbox.Limits;

/// <summary>HubSpot's policyName values on a 429, with the messages HubSpot sends for them.</summary>
public static class RateLimitPolicy
{
    public const string TenSecondlyRolling = "TEN_SECONDLY_ROLLING";
    public const string Daily = "DAILY";
    public const string Secondly = "SECONDLY";

    public static string MessageFor(string policyName) => policyName switch
    {
        TenSecondlyRolling => "You have reached your ten_secondly_rolling limit.",
        Daily => "You have reached your daily limit.",
        _ => "You have reached your secondly limit.",
    };
}
