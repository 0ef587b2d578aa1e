using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MockExams.Grains.HubSpot;

namespace MockExams.Tests.Grains.HubSpot;

/// <summary>
/// One process's HubSpot wiring, built exactly as the silo, api and CLI build it (<c>AddHubSpot()</c>):
/// its own Redis connection, its own governor and typed client.
/// </summary>
public sealed class HubSpotTestProcess : IAsyncDisposable
{
    private readonly IHost _host;

    private HubSpotTestProcess(IHost host) => _host = host;

    public HubSpotClient Client => _host.Services.GetRequiredService<HubSpotClient>();

    public IHubSpotBudget Budget => _host.Services.GetRequiredService<IHubSpotBudget>();

    public IServiceProvider Services => _host.Services;

    /// <param name="settings">HubSpot settings by key under "HubSpot" (e.g. "BaseUrl").</param>
    /// <param name="primaryHandler">Replaces the network (scripted HubSpot answers); null uses sockets.</param>
    public static async Task<HubSpotTestProcess> StartAsync(
        string keyPrefix, IReadOnlyDictionary<string, string?> settings, Func<HttpMessageHandler>? primaryHandler = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create($"HubSpot:{s.Key}", s.Value))
            .Append(KeyValuePair.Create<string, string?>("HubSpot:BudgetKeyPrefix", keyPrefix))
            .Append(KeyValuePair.Create<string, string?>("ConnectionStrings:Redis", HubSpotRedis.ConnectionString)));
        builder.AddHubSpot();
        if (primaryHandler is not null)
        {
            builder.Services.AddHttpClient<HubSpotClient>().ConfigurePrimaryHttpMessageHandler(primaryHandler);
        }
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        return new HubSpotTestProcess(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
