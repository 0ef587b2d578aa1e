using MockExams.ServiceDefaults.Telemetry;

namespace MockExams.Api.Cluster;

public static class GrainCallTracing
{
    /// <summary>
    /// With OTLP on, each grain call carries the request's trace to the silo (Orleans' activity propagation), so the
    /// grain's span and its queries join the request's trace. Off otherwise: no call filter on the hot path.
    /// </summary>
    public static IHostApplicationBuilder AddGrainCallTracing(this IHostApplicationBuilder builder)
    {
        if (!string.IsNullOrEmpty(builder.Configuration[TelemetryRegistration.OtlpEndpointVariable]))
        {
            builder.UseOrleansClient(client => client.AddActivityPropagation());
        }

        return builder;
    }
}
