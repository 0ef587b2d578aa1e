using MockExams.Sandbox.Configuration;
using MockExams.Tests.Fixtures;

namespace MockExams.Tests.Grains.Exams.Fixtures;

/// <summary>
/// A cluster of its own whose HubSpot allows 20 calls per 10 s, as the governor is told, and whose user writes wait at
/// most a second for budget: a rush must run out of budget, and every client must still get a clear answer.
/// </summary>
public sealed class TinyBudgetClusterFixture() : ClusterFixture(
    new Dictionary<string, string?>
    {
        ["Sync:Enabled"] = "false",
        ["HubSpot:CallsPerTenSeconds"] = "20",
        ["HubSpot:UserWriteBudgetWait"] = "00:00:01",
    },
    new SandboxSettings { LatencyMs = 50, CallsPerTenSeconds = 20 });
