using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MockExams.Api.Health;

public static class HealthRegistration
{
    private const string ReadyTag = "ready";

    /// <summary>Liveness (the process answers) and readiness (Postgres, Redis and the cluster answer).</summary>
    public static IHostApplicationBuilder AddMockExamsHealth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck<ReplicaHealthCheck>("replica", tags: [ReadyTag])
            .AddCheck<RedisHealthCheck>("redis", tags: [ReadyTag])
            .AddCheck<ClusterHealthCheck>("cluster", tags: [ReadyTag]);
        return builder;
    }

    public static IEndpointRouteBuilder MapMockExamsHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).WithTags("Health");
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) })
            .WithTags("Health");
        return app;
    }
}
