using Microsoft.Extensions.DependencyInjection;
using MockExams.Grains.HubSpot;
using MockExams.Tests.Fixtures;

namespace MockExams.Tests.Grains.Exams.Fixtures;

/// <summary>
/// A cluster of its own (<see cref="ClusterFixture"/>) whose silos take HubSpot budget through one shared
/// <see cref="BudgetGate"/>, so a test can make the governor refuse exactly the call it means to.
/// </summary>
public sealed class GatedBudgetClusterFixture : ClusterFixture
{
    public BudgetGate Gate { get; } = new();

    protected override void ConfigureSilo(IServiceCollection services) =>
        services.AddSingleton<IHubSpotBudget>(sp => new GatedHubSpotBudget(ActivatorUtilities.CreateInstance<RedisHubSpotBudget>(sp), Gate));
}
