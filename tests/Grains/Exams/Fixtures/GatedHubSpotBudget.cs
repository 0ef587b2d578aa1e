using MockExams.Grains.HubSpot;

namespace MockExams.Tests.Grains.Exams.Fixtures;

/// <summary>The silo's real governor behind a <see cref="BudgetGate"/>: a closed lane is refused as "over budget".</summary>
public sealed class GatedHubSpotBudget(RedisHubSpotBudget governor, BudgetGate gate) : IHubSpotBudget, IDisposable
{
    public Task AcquireAsync(HubSpotLane lane, HubSpotCallKind kind, TimeSpan maxWait, CancellationToken cancellationToken = default) =>
        gate.Admits(lane)
            ? governor.AcquireAsync(lane, kind, maxWait, cancellationToken)
            : throw new HubSpotOverBudgetException($"HubSpot budget refused for {lane} (test gate closed).", lane, gate.RetryAfter);

    public Task<TimeSpan> PauseAsync(HubSpotCallKind kind, string? policyName, TimeSpan? retryAfter, CancellationToken cancellationToken = default) =>
        governor.PauseAsync(kind, policyName, retryAfter, cancellationToken);

    public Task<TimeSpan> ReportWindowRemainingAsync(int remaining, int max, CancellationToken cancellationToken = default) =>
        governor.ReportWindowRemainingAsync(remaining, max, cancellationToken);

    public Task<HubSpotBudgetSnapshot> GetSnapshotAsync(CancellationToken cancellationToken = default) =>
        governor.GetSnapshotAsync(cancellationToken);

    public void Dispose() => governor.Dispose();
}
