namespace MockExams.Cli.Chaos;

/// <summary>One fault of the schedule: what, when (from the workload's start) and for how long.</summary>
public sealed record ChaosFault(ChaosFaultKind Kind, TimeSpan At, TimeSpan Lasts)
{
    public TimeSpan Ends => At + Lasts;
}
