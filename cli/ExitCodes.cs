namespace MockExams.Cli;

/// <summary>What <c>mockexams</c> exit codes mean, so scripts and CI can act on them.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>A check failed: invariant violations in a load test, drift found by reconcile.</summary>
    public const int Violations = 1;

    /// <summary>Bad arguments or missing configuration.</summary>
    public const int Usage = 2;

    /// <summary>A service (api, sandbox, Postgres, Redis) could not be reached.</summary>
    public const int Unavailable = 3;
}
