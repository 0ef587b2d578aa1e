using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Npgsql;
using StackExchange.Redis;

namespace MockExams.ServiceDefaults.Connections;

/// <summary>
/// The process's one handle on each backing service. Each is registered once whoever asks first (the host's
/// <c>AddServiceDefaults</c>, or a feature's registration in grains/ that needs it), is built from its connection
/// string when first resolved, and is checked at start.
/// </summary>
public static class BackingServices
{
    /// <summary>
    /// The process's single <see cref="IConnectionMultiplexer"/> (cache, budget governor, events, rate limit, health).
    /// AbortOnConnectFail is off, so a Redis outage degrades reads instead of stopping the process.
    /// </summary>
    public static IServiceCollection AddRedis(this IServiceCollection services)
    {
        services.AddConnectionStringCheck(ConnectionStrings.Redis);
        services.TryAddSingleton<IConnectionMultiplexer>(sp =>
        {
            var options = ConfigurationOptions.Parse(sp.GetRequiredService<IConfiguration>().RequiredConnectionString(ConnectionStrings.Redis));
            options.AbortOnConnectFail = false;
            return ConnectionMultiplexer.Connect(options);
        });
        return services;
    }

    /// <summary>
    /// The process's single <see cref="NpgsqlDataSource"/> of the replica, its connection string completed by
    /// <see cref="ReplicaConnectionString.Normalize"/>.
    /// </summary>
    public static IServiceCollection AddReplicaDataSource(this IServiceCollection services)
    {
        services.AddConnectionStringCheck(ConnectionStrings.Replica);
        services.TryAddSingleton(sp =>
        {
            var connectionString = sp.GetRequiredService<IConfiguration>().RequiredConnectionString(ConnectionStrings.Replica);
            var dataSource = new NpgsqlDataSourceBuilder(ReplicaConnectionString.Normalize(connectionString)) { Name = "replica" };
            dataSource.UseLoggerFactory(sp.GetRequiredService<ILoggerFactory>());
            return dataSource.Build();
        });
        return services;
    }
}
