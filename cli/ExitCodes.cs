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

    /// <summary>Another process is already doing it (e.g. a backfill holds the lease).</summary>
    public const int Busy = 4;

    /// <summary>Waited as long as allowed (e.g. <c>sync wait --timeout</c>) and it had not happened.</summary>
    public const int TimedOut = 5;

    /// <summary>Interrupted (Ctrl-C); the work is checkpointed and a new run resumes it.</summary>
    public const int Interrupted = 130;
}
