namespace MockExams.Grains.HubSpot;

/// <summary>Which of HubSpot's limits a call counts against.</summary>
public enum HubSpotCallKind
{
    /// <summary>Every CRM call except search: the rolling 10-second limit and the daily limit.</summary>
    Standard = 0,

    /// <summary>CRM search: its own per-second limit (exempt from the 10-second one) and the daily limit.</summary>
    Search = 1,
}
