using Microsoft.Extensions.Configuration.Memory;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Npgsql;
using OpenTelemetry.Trace;

namespace MockExams.Silo.Telemetry;

public static class TelemetryRegistration
{
    /// <summary>
    /// OpenTelemetry for the silo: runtime, Orleans and our own meters (<c>MockExams.*</c>: HubSpot budget,
    /// replica queries) and traces (grain calls continuing their caller's trace, Npgsql, Redis), exported over OTLP when
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (nothing otherwise); framework logs that repeat
    /// per call or query start at Warning.
    /// </summary>
    public static IHostApplicationBuilder AddMockExamsTelemetry(this IHostApplicationBuilder builder)
    {
        // HttpClient, Polly and Npgsql log every HubSpot call and query at Information. First among the sources, so
        // appsettings and Logging__LogLevel__... variables still override it.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
                ["Logging:LogLevel:Polly"] = "Warning",
                ["Logging:LogLevel:Npgsql"] = "Warning",
            },
        });
        if (string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            return builder;
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("mockexams-silo"))
            .WithMetrics(metrics => metrics.AddRuntimeInstrumentation().AddMeter("MockExams.*", "Microsoft.Orleans").AddOtlpExporter())
            .WithTracing(tracing => tracing.AddSource("Microsoft.Orleans.Application")
                .AddNpgsql()                   // replica queries, grain state and reminders
                .AddRedisInstrumentation()     // cache, invalidations, HubSpot budget scripts
                .AddOtlpExporter());
        // A grain call carries the caller's trace (api request, another grain): its span and what it does join it.
        builder.UseOrleans(silo => silo.AddActivityPropagation());
        return builder;
    }
}
