using MockExams.Sandbox.Configuration;

namespace MockExams.Tests.Grains.Exams.Model;

/// <summary>The sandbox's faults during a model run's bursts (see <c>sandbox/README.md</c>).</summary>
public sealed record ModelFaults(double Errors, double Timeouts, double LateWrites, double InputRefusals, double RateLimits, string Paths)
{
    public SandboxSettings Apply(SandboxSettings settings) => settings with
    {
        ErrorRate = Errors, TimeoutRate = Timeouts, LateWriteRate = LateWrites, InputRefusalRate = InputRefusals,
        RateLimitRate = RateLimits, FaultPaths = Paths,
    };

    public override string ToString() =>
        $"5xx {Errors:0.##}, timeouts {Timeouts:0.##}, late writes {LateWrites:0.##}, per-input refusals {InputRefusals:0.##}, "
        + $"429s {RateLimits:0.##}, on {(Paths is "" ? "every call" : Paths)}";
}
