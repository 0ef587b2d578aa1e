using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace MockExams.Api.Telemetry;

public static class TelemetryRegistration
{
    /// <summary>
    /// OpenTelemetry traces and metrics: ASP.NET Core, outgoing HTTP, runtime, Orleans and our own meters
    /// (<c>MockExams.*</c>). Metrics are served as Prometheus text at <c>/metrics</c>; metrics and traces are
    /// exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (traces are recorded only then).
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
            });
        if (otlp)
        {
            // Traces only when something collects them: a span per request and per grain call is real work on
            // the hot read path, wasted when no exporter is there.
            telemetry.WithTracing(tracing => tracing.AddAspNetCoreInstrumentation()
                .AddSource("Microsoft.Orleans.Application").AddOtlpExporter());
        }

        return builder;
    }
}
