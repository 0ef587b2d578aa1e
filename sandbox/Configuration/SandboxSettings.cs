namespace MockExams.Sandbox.Configuration;

/// <summary>
/// Every knob of the sandbox. Bound from the "Sandbox" configuration section (env: Sandbox__LatencyMs ...),
/// and changed at run time through PUT /__sandbox/config (camelCase names, partial update).
/// Immutable: a change swaps the whole instance, so a request sees one consistent set of values.
/// </summary>
public sealed record SandboxSettings
{
    public const string SectionName = "Sandbox";

    /// <summary>Portal (account) id; used in fully qualified names (p{PortalId}_mock_exams) and webhook events. Read at start.</summary>
    public long PortalId { get; init; } = 12345678;

    /// <summary>App id reported in webhook events.</summary>
    public long AppId { get; init; } = 1000001;

    /// <summary>Comma-separated bearer tokens that are accepted; each token has its own ten-second budget.</summary>
    public string AccessTokens { get; init; } = "sandbox-token";

    /// <summary>Object type id of mock exams. Read at start.</summary>
    public string ExamObjectTypeId { get; init; } = "2-41000001";

    /// <summary>Object type id of bookings. Read at start.</summary>
    public string BookingObjectTypeId { get; init; } = "2-41000002";

    // Custom association type ids are portal-specific in HubSpot; these stand in for them. Read at start.
    public int BookingToExamAssociationTypeId { get; init; } = 101;

    public int ExamToBookingAssociationTypeId { get; init; } = 102;

    public int BookingToContactAssociationTypeId { get; init; } = 103;

    public int ContactToBookingAssociationTypeId { get; init; } = 104;

    /// <summary>Mean added latency of every CRM API call.</summary>
    public int LatencyMs { get; init; } = 150;

    /// <summary>Jitter as a fraction of LatencyMs (0.3 = ±30 %).</summary>
    public double LatencyJitter { get; init; } = 0.3;

    /// <summary>Fraction of CRM API calls answered with a 5xx before anything is written.</summary>
    public double ErrorRate { get; init; }

    /// <summary>Fraction of CRM API calls that are carried out but never answered: the connection is dropped after TimeoutHangMs.</summary>
    public double TimeoutRate { get; init; }

    /// <summary>How long a "timed out" call hangs before the connection is dropped.</summary>
    public int TimeoutHangMs { get; init; } = 30_000;

    /// <summary>
    /// Fraction of CRM API calls answered 504 at once and carried out LateWriteDelayMs later: HubSpot's processing
    /// timeout whose write still lands after the client has looked and found nothing.
    /// </summary>
    public double LateWriteRate { get; init; }

    /// <summary>How long after its 504 a late write is carried out.</summary>
    public int LateWriteDelayMs { get; init; } = 3_000;

    /// <summary>
    /// Fraction of CRM API calls refused 429 (ten-second policy) although their own budget has room: another app of the
    /// account spent it. Uses no budget, like any refused call.
    /// </summary>
    public double RateLimitRate { get; init; }

    /// <summary>
    /// Fraction of the inputs of batch create, update and upsert that HubSpot refuses alone (400 VALIDATION_ERROR, as a
    /// portal validation rule would): with an objectWriteTraceId the input fails in a 207, without one the whole batch.
    /// </summary>
    public double InputRefusalRate { get; init; }

    /// <summary>
    /// Comma-separated parts of a path that the injected failures (ErrorRate, TimeoutRate, LateWriteRate, RateLimitRate,
    /// InputRefusalRate) are limited to; empty: every CRM call. The object type in a path also matches by name, so
    /// "bookings/batch/update" names the booking cancels however the client spells the type.
    /// </summary>
    public string FaultPaths { get; init; } = "";

    /// <summary>Rolling ten-second budget per token (100 Free/Starter, 190 Professional/Enterprise, 250 with the add-on).</summary>
    public int CallsPerTenSeconds { get; init; } = 100;

    /// <summary>Daily budget per account; resets at midnight UTC.</summary>
    public int DailyLimit { get; init; } = 250_000;

    /// <summary>Search requests per second per account.</summary>
    public int SearchPerSecond { get; init; } = 5;

    /// <summary>Whether search calls use the daily budget (unconfirmed in HubSpot's docs; the spec exempts them only from the ten-second one).</summary>
    public bool SearchCountsTowardDaily { get; init; } = true;

    /// <summary>Whether v4 association batch calls skip the ten-second budget (the spec tags them "ten-secondly" exempt).</summary>
    public bool AssociationBatchExemptFromTenSecondly { get; init; } = true;

    /// <summary>Delay before a change becomes visible to search (HubSpot publishes no figure; several seconds is typical).</summary>
    public int SearchLagMs { get; init; } = 2_000;

    /// <summary>Send Retry-After (seconds) on 429 responses. HubSpot does not document it, so it is off.</summary>
    public bool RetryAfter { get; init; }

    /// <summary>Writes to one record within LockWindowMs above which HubSpot answers 423 Locked; 0 disables.</summary>
    public int LockThreshold { get; init; }

    /// <summary>The window for LockThreshold and how long the lock lasts (HubSpot: 2 s).</summary>
    public int LockWindowMs { get; init; } = 2_000;

    /// <summary>Answer to a duplicate booking_id.</summary>
    public UniqueConflictStyle UniqueConflictStyle { get; init; } = UniqueConflictStyle.Conflict;

    /// <summary>Status of DELETE for an id that does not exist (204 or 404; unconfirmed).</summary>
    public int ArchiveMissingStatus { get; init; } = 204;

    /// <summary>List with limit above 100: false clamps to 100, true answers 400 (unconfirmed).</summary>
    public bool RejectListLimitOver100 { get; init; }

    public int SearchMaxFilterGroups { get; init; } = 5;

    public int SearchMaxFiltersPerGroup { get; init; } = 6;

    public int SearchMaxFilters { get; init; } = 18;

    /// <summary>Results a search can page through; paging beyond it is a 400.</summary>
    public int SearchMaxResults { get; init; } = 10_000;

    /// <summary>Most events in one webhook request.</summary>
    public int WebhookBatchSize { get; init; } = 100;

    /// <summary>How long the sender waits to gather events into one request.</summary>
    public int WebhookBatchDelayMs { get; init; } = 50;

    /// <summary>Retries after the first attempt (HubSpot: 10 over 24 hours; the default is fast for tests).</summary>
    public int WebhookMaxRetries { get; init; } = 5;

    /// <summary>First retry delay; each retry doubles it, with ±20 % jitter.</summary>
    public int WebhookRetryDelayMs { get; init; } = 500;

    /// <summary>A delivery not answered within this is a failure (HubSpot: 5 s).</summary>
    public int WebhookTimeoutMs { get; init; } = 5_000;

    /// <summary>Requests in flight at once (HubSpot: 10 per account).</summary>
    public int WebhookMaxConcurrentRequests { get; init; } = 10;

    /// <summary>JSON file that keeps the records across restarts; null keeps them in memory only. Read at start.</summary>
    public string? DataFile { get; init; }

    /// <summary>How often the data file is written when something changed.</summary>
    public int SaveIntervalMs { get; init; } = 5_000;

    public IReadOnlyList<string> Tokens() =>
        AccessTokens.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
