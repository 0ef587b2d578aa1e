using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MockExams.ServiceDefaults.Connections;
using MockExams.ServiceDefaults.Health;
using MockExams.ServiceDefaults.Telemetry;

namespace MockExams.ServiceDefaults;

/// <summary>What the api and the silo both register, in one place (eShop's ServiceDefaults, for this house).</summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>
    /// Telemetry (<c>service-defaults/Telemetry/</c>), the process's one Redis multiplexer and replica data source, their
    /// connection strings checked at start (<c>service-defaults/Connections/</c>), and readiness checks of both
    /// (<c>service-defaults/Health/</c>).
    /// </summary>
    /// <param name="serviceName">The OpenTelemetry service name, e.g. <c>mockexams-api</c>.</param>
    /// <param name="prometheus">Keep metrics for a scraper at <c>/metrics</c> (the api), not only for OTLP.</param>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder, string serviceName, bool prometheus = false)
    {
        builder.AddDefaultTelemetry(serviceName, prometheus);
        builder.Services.AddRedis();
        builder.Services.AddReplicaDataSource();
        builder.Services.AddDefaultHealthChecks();
        if (prometheus)
        {
            builder.Services.AddSingleton<ScrapedMetrics>();
        }

        return builder;
    }

    /// <summary><c>/health/live</c>, <c>/health/ready</c>, and <c>/metrics</c> when the Prometheus exporter is registered.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthEndpoints();
        if (app.Services.GetService<ScrapedMetrics>() is not null)
        {
            app.MapPrometheusScrapingEndpoint();
        }

        return app;
    }

    /// <summary>Registered when the host asked for <c>/metrics</c>.</summary>
    private sealed class ScrapedMetrics;
}
