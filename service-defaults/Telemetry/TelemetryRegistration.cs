using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Npgsql;
using OpenTelemetry.Trace;

namespace MockExams.ServiceDefaults.Telemetry;

public static class TelemetryRegistration
{
    /// <summary>The variable that turns on OTLP export of traces and metrics (the OpenTelemetry SDK reads it).</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// OpenTelemetry for a MockExams process: metrics (ASP.NET Core requests, connections and errors, runtime, Orleans
    /// and our own meters <c>MockExams.*</c>) and traces, exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is
    /// set; with <paramref name="prometheus"/> the metrics are also kept for a scraper (<c>/metrics</c>, mapped by
    /// <c>MapDefaultEndpoints</c>). Traces carry grain calls, Npgsql and Redis. Nothing is recorded when nothing would read it. Framework logs that repeat per
    /// request, call or query start at Warning.
    /// </summary>
    public static IHostApplicationBuilder AddDefaultTelemetry(this IHostApplicationBuilder builder, string serviceName, bool prometheus)
    {
        var otlp = !string.IsNullOrEmpty(builder.Configuration[OtlpEndpointVariable]);
        // ASP.NET Core logs six Information lines per request (in a booking rush that is most of the api's work);
        // HttpClient, Polly and Npgsql log every HubSpot call and query. First among the sources, so appsettings and
        // Logging__LogLevel__... variables still override them.
        var levels = new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
            ["Logging:LogLevel:Polly"] = "Warning",
            ["Logging:LogLevel:Npgsql"] = "Warning",
        };
        if (!otlp)
        {
            // While its logger is on at any level, hosting starts an Activity per request (trace ids for log scopes):
            // with nothing exporting traces that was a tenth of the api's allocations on a cached read. Its own lines
            // are per-request Information ones; a failed start still ends the process with the exception.
            levels["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "None";
        }

        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = levels });
        if (!otlp && !prometheus)
        {
            return builder;   // no reader: instruments stay unobserved and cost nothing
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics =>
            {
                // ASP.NET Core's request, connection and error meters by name. AddAspNetCoreInstrumentation would
                // also take its memory-pool, routing, authentication and authorization meters: several instrument
                // updates per request that nobody graphs, 3 % of the api's CPU on a cached read (docs/BENCHMARKS.md).
                metrics.AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Diagnostics")
                    .AddRuntimeInstrumentation()
                    .AddMeter("MockExams.*", "Microsoft.Orleans");
                if (prometheus)
                {
                    metrics.AddPrometheusExporter();
                }

                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        if (otlp)
        {
            // Traces only when something receives them: unexported, every request would still build its activities.
            // With the process's replica queries and Redis commands; a request's trace continues into the grains it calls
            // once the process adds Orleans' activity propagation (api/Cluster/GrainCallTracing, silo/GrainCallTracing).
            telemetry.WithTracing(tracing => tracing.AddAspNetCoreInstrumentation()
                .AddSource("Microsoft.Orleans.Application")
                .AddNpgsql()                   // replica queries, grain state and reminders
                .AddRedisInstrumentation()     // cache, invalidations, HubSpot budget scripts, rate limit, events
                .AddOtlpExporter());
        }

        return builder;
    }
}
