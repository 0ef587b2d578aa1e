using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace MockExams.Silo.Telemetry;

public static class TelemetryRegistration
{
    /// <summary>
    /// OpenTelemetry for the silo: runtime, Orleans and our own meters (<c>MockExams.*</c>: HubSpot budget,
    /// replica queries), exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
    /// </summary>
    public static IHostApplicationBuilder AddMockExamsTelemetry(this IHostApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            return builder;
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("mockexams-silo"))
            .WithMetrics(metrics => metrics.AddRuntimeInstrumentation().AddMeter("MockExams.*", "Microsoft.Orleans").AddOtlpExporter())
            .WithTracing(tracing => tracing.AddSource("Microsoft.Orleans.Application").AddOtlpExporter());
        return builder;
    }
}
