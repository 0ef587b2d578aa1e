using System.ComponentModel.DataAnnotations;

namespace MockExams.Grains.HubSpot;

/// <summary>
/// How MockExams reaches HubSpot and how much of HubSpot's budget it may spend.
/// Bound from the "HubSpot" section (environment: <c>HubSpot__BaseUrl</c>, <c>HubSpot__AccessToken</c>, ...).
/// </summary>
public sealed class HubSpotOptions
{
    public const string SectionName = "HubSpot";

    /// <summary>The dated API version HubSpot ships in March and September.</summary>
    public const string DatedApiVersion = "2026-09";

    /// <summary>The legacy numbered paths (<c>/crm/v3/...</c>, <c>/crm/v4/...</c>), unsupported by HubSpot from September 2027.</summary>
    public const string LegacyApiVersion = "v3";

    /// <summary>HubSpot's API host; the local sandbox by default. Env: <c>HubSpot__BaseUrl</c>.</summary>
    [Required, Url]
    public string BaseUrl { get; set; } = "http://127.0.0.1:5090";

    /// <summary>Bearer token (private app or service key). Secret: never logged. Env: <c>HubSpot__AccessToken</c>.</summary>
    [Required]
    public string AccessToken { get; set; } = "sandbox-token";

    /// <summary><c>2026-09</c> style (dated paths) or <c>v3</c> (legacy paths). Env: <c>HubSpot__ApiVersion</c>.</summary>
    [Required, RegularExpression(@"^(v3|\d{4}-(03|09))$")]
    public string ApiVersion { get; set; } = DatedApiVersion;

    /// <summary>Object type id of the mock exam custom object. Env: <c>HubSpot__ExamObjectType</c>.</summary>
    [Required]
    public string ExamObjectType { get; set; } = "2-41000001";

    /// <summary>Object type id of the booking custom object. Env: <c>HubSpot__BookingObjectType</c>.</summary>
    [Required]
    public string BookingObjectType { get; set; } = "2-41000002";

    /// <summary>Object type id of contacts. Env: <c>HubSpot__ContactObjectType</c>.</summary>
    [Required]
    public string ContactObjectType { get; set; } = "0-1";

    /// <summary>Association type id booking → mock exam (portal-specific). Env: <c>HubSpot__BookingToExamAssociationTypeId</c>.</summary>
    [Range(1, int.MaxValue)]
    public int BookingToExamAssociationTypeId { get; set; } = 101;

    /// <summary>Association type id booking → contact (portal-specific). Env: <c>HubSpot__BookingToContactAssociationTypeId</c>.</summary>
    [Range(1, int.MaxValue)]
    public int BookingToContactAssociationTypeId { get; set; } = 103;

    /// <summary>Category of the custom association types. Env: <c>HubSpot__AssociationCategory</c>.</summary>
    [Required, RegularExpression("^(HUBSPOT_DEFINED|USER_DEFINED|INTEGRATOR_DEFINED)$")]
    public string AssociationCategory { get; set; } = "USER_DEFINED";

    /// <summary>HubSpot's rolling 10-second limit for this app: 100 (Starter), 190 (Pro/Enterprise), 250 (add-on). Env: <c>HubSpot__CallsPerTenSeconds</c>.</summary>
    [Range(10, 250)]
    public int CallsPerTenSeconds { get; set; } = 100;

    /// <summary>Share of each limit we aim to use (0.9 → 90 of 100), the rest absorbs clock and network jitter. Env: <c>HubSpot__Headroom</c>.</summary>
    [Range(0.5, 1.0)]
    public double Headroom { get; set; } = 0.9;

    /// <summary>HubSpot's daily limit for the account (250,000 Starter, 625,000 Pro, 1,000,000 Enterprise). Env: <c>HubSpot__DailyLimit</c>.</summary>
    [Range(1000, 10_000_000)]
    public int DailyLimit { get; set; } = 250_000;

    /// <summary>Time zone of the HubSpot account, whose midnight resets the daily counter. Env: <c>HubSpot__DailyResetTimeZone</c>.</summary>
    [Required]
    public string DailyResetTimeZone { get; set; } = "UTC";

    /// <summary>HubSpot's search limit per second (not part of the 10-second budget). Env: <c>HubSpot__SearchPerSecond</c>.</summary>
    [Range(2, 50)]
    public int SearchPerSecond { get; set; } = 5;

    /// <summary>Timeout of one HTTP attempt. Env: <c>HubSpot__RequestTimeout</c> (e.g. <c>00:00:10</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Total time one call may take across its retries (budget waits for retries included). Env: <c>HubSpot__TotalRequestTimeout</c>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:30:00")]
    public TimeSpan TotalRequestTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest a user write waits for budget before it is answered "over budget". Env: <c>HubSpot__UserWriteBudgetWait</c>.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan UserWriteBudgetWait { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest sync and webhook work waits for budget. Env: <c>HubSpot__SyncBudgetWait</c>.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan SyncBudgetWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest backfill work waits for budget. Env: <c>HubSpot__BackfillBudgetWait</c>.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan BackfillBudgetWait { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// While Redis (the shared budget) is unreachable, each process spends at most 1/N of the budget on user writes.
    /// 0: N is the active silos in the cluster's membership plus one. Env: <c>HubSpot__OutageSpenders</c>.
    /// </summary>
    [Range(0, 1000)]
    public int OutageSpenders { get; set; }

    /// <summary>Prefix of the governor's Redis keys; the token's hash follows it. Env: <c>HubSpot__BudgetKeyPrefix</c>.</summary>
    [Required]
    public string BudgetKeyPrefix { get; set; } = "mockexams:hubspot:budget";

    /// <summary>Whether this is the dated API (<c>2026-09</c>) rather than the legacy <c>v3</c> paths.</summary>
    public bool UsesDatedApi => ApiVersion != LegacyApiVersion;

    /// <summary>How long a caller in <paramref name="lane"/> may wait for budget.</summary>
    public TimeSpan BudgetWaitFor(HubSpotLane lane) => lane switch
    {
        HubSpotLane.UserWrite => UserWriteBudgetWait,
        HubSpotLane.Sync => SyncBudgetWait,
        _ => BackfillBudgetWait,
    };
}
