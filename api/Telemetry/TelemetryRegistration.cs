using Microsoft.Extensions.Configuration.Memory;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Npgsql;
using OpenTelemetry.Trace;

namespace MockExams.Api.Telemetry;

public static class TelemetryRegistration
{
    /// <summary>
    /// OpenTelemetry metrics (ASP.NET Core requests, connections and errors, runtime, Orleans and our own meters <c>MockExams.*</c>) as Prometheus text at
    /// <c>/metrics</c>, and with traces (requests, the grain calls they make, Npgsql, Redis) over OTLP when
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; framework logs that
    /// repeat per request start at Warning.
    /// </summary>
    public static IHostApplicationBuilder AddMockExamsTelemetry(this IHostApplicationBuilder builder)
    {
        var otlp = !string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        // ASP.NET Core logs six Information lines per request: in a booking rush that is most of the api's work.
        // First among the sources, so appsettings and Logging__LogLevel__... variables still override it.
        var levels = new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
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
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("mockexams-api"))
            .WithMetrics(metrics =>
            {
                // ASP.NET Core's request, connection and error meters by name. AddAspNetCoreInstrumentation would
                // also take its memory-pool, routing, authentication and authorization meters: several instrument
                // updates per request that nobody graphs, 3 % of the api's CPU on a cached read (docs/BENCHMARKS.md).
                metrics.AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Diagnostics")
                    .AddRuntimeInstrumentation()
                    .AddMeter("MockExams.*", "Microsoft.Orleans")
                    .AddPrometheusExporter();
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        if (otlp)
        {
            // Traces only when something receives them: unexported, every request would still build its activities.
            // A request's trace continues into the grains it calls (the cluster client sends it with each call, the
            // silos carry it on) and shows the api's own replica queries and Redis commands (rate limit, events).
            builder.UseOrleansClient(client => client.AddActivityPropagation());
            telemetry.WithTracing(tracing => tracing.AddAspNetCoreInstrumentation()
                .AddSource("Microsoft.Orleans.Application")
                .AddNpgsql()
                .AddRedisInstrumentation()
                .AddOtlpExporter());
        }

        return builder;
    }
}
