using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MockExams.Grains.HubSpot;
using StackExchange.Redis;

namespace MockExams.Tests.Grains.HubSpot;

/// <summary>Builds governors as separate processes would have them: own connection, same Redis keys.</summary>
public sealed class BudgetTestKit : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];
    private readonly ServiceProvider _metricsServices = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public string KeyPrefix { get; } = HubSpotRedis.UniquePrefix();

    public IMeterFactory MeterFactory => _metricsServices.GetRequiredService<IMeterFactory>();

    public HubSpotOptions Options(Action<HubSpotOptions>? configure = null)
    {
        var options = new HubSpotOptions { BudgetKeyPrefix = KeyPrefix, AccessToken = "token-" + KeyPrefix };
        configure?.Invoke(options);
        return options;
    }

    public async Task<RedisHubSpotBudget> NewGovernorAsync(HubSpotOptions options)
    {
        var redis = await HubSpotRedis.ConnectAsync();
        _owned.Add(redis);
        return new RedisHubSpotBudget(
            redis, Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System,
            new HubSpotMetrics(MeterFactory), NullLogger<RedisHubSpotBudget>.Instance);
    }

    public async Task<IReadOnlyList<RedisKey>> KeysAsync()
    {
        var redis = await HubSpotRedis.ConnectAsync();
        _owned.Add(redis);
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        return [.. server.Keys(pattern: KeyPrefix + "*")];
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            await owned.DisposeAsync();
        }
        await _metricsServices.DisposeAsync();
    }
}
