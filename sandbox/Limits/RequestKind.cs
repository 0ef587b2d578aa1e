namespace MockExams.Sandbox.Limits;

/// <summary>Which of HubSpot's budgets a call uses.</summary>
public enum RequestKind
{
    /// <summary>Ten-second budget of the token and the daily budget of the account.</summary>
    Standard,

    /// <summary>CRM search: per-account per-second limit instead of the ten-second budget.</summary>
    Search,

    /// <summary>Tagged "ten-secondly" exempt in HubSpot's spec (v4 association batches): daily budget only.</summary>
    TenSecondlyExempt,
}
