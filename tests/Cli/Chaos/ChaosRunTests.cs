using MockExams.Cli.Chaos;

namespace MockExams.Tests.Cli.Chaos;

/// <summary>
/// The CI schedule of <c>mockexams chaos</c>: its own two silos, an api, the sandbox and Redis, every fault kind once
/// within 100 s of bookings, cancels, edits and staff edits, then every invariant checked against HubSpot.
/// </summary>
public sealed class ChaosRunTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Chaos_ShortScheduleWithEveryFaultKind_NoInvariantIsViolated()
    {
        var postgres = Environment.GetEnvironmentVariable("ConnectionStrings__Replica") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("ConnectionStrings__Replica is not set: run the tests through ./test.sh.");
        var settings = new ChaosSettings(Seed: 17, Duration: TimeSpan.FromSeconds(100), Silos: 2, Apis: 1, Exams: 4, Capacity: 20,
            Workers: 4, ReplicaServer: postgres, WorkDirectory: Path.Combine(Path.GetTempPath(), $"mockexams-chaos-{Guid.NewGuid():N}"),
            ConvergenceWindow: TimeSpan.FromSeconds(60));

        var report = await new ChaosRunner(settings, output.WriteLine).RunAsync(TestContext.Current.CancellationToken);

        foreach (var check in report.Checks)
        {
            output.WriteLine($"{check.Name}: {check.Checked} checked, {check.Violations} violations");
        }
        foreach (var violation in report.Violations)
        {
            output.WriteLine($"violation: {violation}");
        }
        Assert.Equal(Enum.GetValues<ChaosFaultKind>().Length, report.Faults.Select(f => f.Kind).Distinct().Count());
        Assert.True(report.Booked > 0, "the workload booked nothing, so the checks proved nothing");
        Assert.Empty(report.Violations);
    }
}
