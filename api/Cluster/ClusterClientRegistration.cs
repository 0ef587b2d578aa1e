using Microsoft.Extensions.DependencyInjection.Extensions;
using MockExams.ServiceDefaults.Connections;
using MockExams.ServiceDefaults.Health;
using Orleans.Clustering.Redis;
using Orleans.Configuration;
using Orleans.Dashboard;
using StackExchange.Redis;

namespace MockExams.Api.Cluster;

public static class ClusterClientRegistration
{
    /// <summary>
    /// The Orleans cluster client: finds the silos' gateways through the same Redis membership they use. Ready
    /// (<c>/health/ready</c>) once a silo answers through it.
    /// </summary>
    public static IHostApplicationBuilder AddMockExamsClusterClient(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ClusterClientOptions>()
            .BindConfiguration(ClusterClientOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // The Orleans dashboard's client side: its page and JSON are served at /admin/orleans (api/Dashboard/).
        // Its live log stream (Trace) would be this api's own log only, which operators already have: off.
        builder.UseOrleansClient(client => client.UseRedisClustering(_ => { }).AddDashboard(dashboard => dashboard.HideTrace = true)
            .AddGatewayCountChangedHandler(sp => sp.GetRequiredService<SiloLossSignal>().OnGatewayCountChanged)
            .AddClusterConnectionLostHandler(sp => sp.GetRequiredService<SiloLossSignal>().OnClusterConnectionLost));
        // Writes sent again across a silo's death (GrainCallRetry): settings in section "Api:Failover".
        builder.Services.AddSingleton<SiloLossSignal>();
        builder.Services.AddSingleton<GrainCallRetry>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOptions<FailoverOptions>()
            .BindConfiguration(FailoverOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // Read at resolve time, not here, so configuration sources added after this call still count.
        builder.Services.AddOptions<ClusterOptions>().Configure<IConfiguration>((cluster, configuration) =>
        {
            var options = configuration.GetSection(ClusterClientOptions.SectionName).Get<ClusterClientOptions>() ?? new();
            cluster.ClusterId = options.ClusterId;
            cluster.ServiceId = options.ServiceId;
        });
        // A dead silo's gateway leaves the list within 5 s (default: a minute), so new calls stop going to it quickly.
        builder.Services.AddOptions<GatewayOptions>()
            .Configure(gateways => gateways.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5))
            .BindConfiguration("Orleans:Gateways");
        builder.Services.AddOptions<RedisClusteringOptions>().Configure<IConfiguration>((redis, configuration) =>
            redis.ConfigurationOptions = ConfigurationOptions.Parse(configuration.RequiredConnectionString(ConnectionStrings.Redis)));
        builder.Services.AddHealthChecks().AddCheck<ClusterHealthCheck>("cluster", tags: [HealthRegistration.ReadyTag]);
        return builder;
    }
}
