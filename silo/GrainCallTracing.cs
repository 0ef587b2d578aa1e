using MockExams.ServiceDefaults.Telemetry;

namespace MockExams.Silo;

public static class GrainCallTracing
{
    /// <summary>
    /// With OTLP on, a grain call continues its caller's trace (api request, another grain): its span and what it does
    /// join it. Off otherwise: no call filter on the hot path.
    /// </summary>
    public static IHostApplicationBuilder AddGrainCallTracing(this IHostApplicationBuilder builder)
    {
        if (!string.IsNullOrEmpty(builder.Configuration[TelemetryRegistration.OtlpEndpointVariable]))
        {
            builder.UseOrleans(silo => silo.AddActivityPropagation());
        }

        return builder;
    }
}
