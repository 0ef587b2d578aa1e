using MockExams.Sandbox.Configuration;
using MockExams.Tests.Fixtures;

namespace MockExams.Tests.Grains.Exams.Fixtures;

/// <summary>
/// A cluster of its own whose tests turn the sandbox's faults on and off: a long linger (200 ms) so writes sent together
/// share one flush, and every timer of the exam grain short, so a run settles in seconds once the faults stop.
/// The late-create window (8 s) stays longer than a timed-out call's retries (4 s) plus a late write's delay (0.5 s):
/// shorter, and a seat could be given away before HubSpot lands the create it answered 504.
/// </summary>
public sealed class FaultyHubSpotClusterFixture() : ClusterFixture(
    new Dictionary<string, string?>
    {
        ["Sync:Enabled"] = "false",
        ["ExamWrites:Linger"] = "00:00:00.200",
        ["ExamWrites:LingerMax"] = "00:00:01",
        ["ExamWrites:SettleRetry"] = "00:00:00.250",
        ["ExamWrites:TotalBookingsDelay"] = "00:00:00.100",
        ["ExamWrites:TotalBookingsMaxLag"] = "00:00:01",
        ["ExamWrites:TotalBookingsBatchWindow"] = "00:00:00.100",
        ["ExamWrites:LateCreateWindow"] = "00:00:08",
        ["HubSpot:RequestTimeout"] = "00:00:02",
        ["HubSpot:TotalRequestTimeout"] = "00:00:04",
        ["HubSpot:UserWriteBudgetWait"] = "00:00:01",
    },
    new SandboxSettings { LatencyMs = 10, SearchLagMs = 0, TimeoutHangMs = 3_000, LateWriteDelayMs = 500 })
{
    /// <summary>Every injected fault off again.</summary>
    public void StopFaults() => Sandbox.Config.Update(s => s with
    {
        ErrorRate = 0, TimeoutRate = 0, LateWriteRate = 0, InputRefusalRate = 0, RateLimitRate = 0, FaultPaths = "",
    });
}
