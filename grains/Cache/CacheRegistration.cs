using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Configuration;
using StackExchange.Redis;

namespace MockExams.Grains.Cache;

public static class CacheRegistration
{
    /// <summary>
    /// One Redis multiplexer per process, the cache options (validated at start), the exam cache with its circuit,
    /// and its subscription to invalidations from other processes.
    /// </summary>
    public static IHostApplicationBuilder AddExamCache(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CacheOptions>()
            .BindConfiguration(CacheOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddRedis();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<CacheKeys>();
        builder.Services.AddSingleton<CacheCircuit>();
        builder.Services.AddSingleton<CacheMetrics>();
        builder.Services.AddSingleton<ExamCache>();
        builder.Services.AddHostedService<CacheInvalidationListener>();
        return builder;
    }

    /// <summary>
    /// Registers the process's single <see cref="IConnectionMultiplexer"/> from <c>ConnectionStrings:Redis</c>,
    /// unless one is already registered; every Redis user of the process (cache, budget governor, api) shares it.
    /// The connection string is read when the multiplexer is first resolved, so hosts and tests may add
    /// configuration after this call. AbortOnConnectFail is off so a Redis outage degrades reads instead of
    /// stopping the process.
    /// </summary>
    public static IServiceCollection AddRedis(this IServiceCollection services)
    {
        services.TryAddSingleton<IConnectionMultiplexer>(sp =>
        {
            var connectionString = sp.GetRequiredService<IConfiguration>().GetConnectionString("Redis") is { Length: > 0 } value
                ? value
                : throw new InvalidOperationException(
                    "ConnectionStrings__Redis is not set: point it at Redis (./run.sh and ./test.sh set it).");
            var options = ConfigurationOptions.Parse(connectionString);
            options.AbortOnConnectFail = false;
            return ConnectionMultiplexer.Connect(options);
        });
        return services;
    }
}
