using Npgsql;
using StackExchange.Redis;

namespace MockExams.Api.Health;

public static class BackingServicesRegistration
{
    /// <summary>
    /// The api's own handles on Postgres and Redis (readiness, idempotency records). One of each per process.
    /// Redis does not abort on connect failure, so an outage degrades instead of stopping the api.
    /// Configuration is read when first resolved, so hosts (and tests) may add sources after this call.
    /// </summary>
    public static IHostApplicationBuilder AddBackingServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(sp => NpgsqlDataSource.Create(
            sp.GetRequiredService<IConfiguration>().RequiredConnectionString("Replica", "the replica Postgres")));
        builder.Services.AddSingleton<IConnectionMultiplexer>(sp =>
        {
            var options = ConfigurationOptions.Parse(
                sp.GetRequiredService<IConfiguration>().RequiredConnectionString("Redis", "Redis"));
            options.AbortOnConnectFail = false;
            return ConnectionMultiplexer.Connect(options);
        });
        return builder;
    }

    public static string RequiredConnectionString(this IConfiguration configuration, string name, string what) =>
        configuration.GetConnectionString(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"ConnectionStrings__{name} is not set: point it at {what} (./run.sh sets it).");
}
