namespace MockExams.Cli.Chaos;

/// <summary>The faults a chaos run injects, each at least once when the run is long enough.</summary>
public enum ChaosFaultKind
{
    /// <summary>SIGKILL one silo, start it again 5 s later.</summary>
    KillSilo,

    /// <summary>Stop Redis (without persistence: it comes back empty) and start it again.</summary>
    RestartRedis,

    /// <summary>FLUSHALL: cache, membership and the HubSpot budget's keys gone at once.</summary>
    FlushAll,

    /// <summary>Postgres unreachable for 20 s (every connection through the run's proxy refused and cut).</summary>
    StopPostgres,

    /// <summary>HubSpot answers 20 % of calls with a 5xx for 15 s.</summary>
    HubSpotErrors,

    /// <summary>HubSpot lets 10 % of calls hang (3 s) and time out for 15 s.</summary>
    HubSpotTimeouts,

    /// <summary>HubSpot answers 20 % of writes 504 and carries them out 3 s later, for 15 s.</summary>
    HubSpotLateWrites,

    /// <summary>HubSpot's 10-second limit 10× tighter than the app was told, for 20 s (HubSpot answers 429s).</summary>
    TightBudget,
}
