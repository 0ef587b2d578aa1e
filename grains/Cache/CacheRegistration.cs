using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using MockExams.ServiceDefaults.Connections;

namespace MockExams.Grains.Cache;

public static class CacheRegistration
{
    /// <summary>
    /// The cache options (validated at start), the exam cache with its circuit, and its subscription to invalidations
    /// from other processes, on the process's one Redis multiplexer (service-defaults/Connections/BackingServices.cs).
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
}
