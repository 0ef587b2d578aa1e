using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace MockExams.Api.Telemetry;

public static class TelemetryRegistration
{
    /// <summary>
    /// OpenTelemetry traces and metrics: ASP.NET Core, outgoing HTTP, runtime, Orleans and our own meters
    /// (<c>MockExams.*</c>). Exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, and as
    /// Prometheus text at <c>/metrics</c>.
    /// </summary>
    public static IHostApplicationBuilder AddMockExamsTelemetry(this IHostApplicationBuilder builder)
    {
        var otlp = !string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("mockexams-api"))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation().AddRuntimeInstrumentation()
                    .AddMeter("MockExams.*", "Microsoft.Orleans")
                    .AddPrometheusExporter();
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            })
            .WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation().AddSource("Microsoft.Orleans.Application");
                if (otlp)
                {
                    tracing.AddOtlpExporter();
                }
            });
        return builder;
    }
}
