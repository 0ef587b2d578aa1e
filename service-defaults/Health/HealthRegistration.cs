using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MockExams.ServiceDefaults.Health;

public static class HealthRegistration
{
    /// <summary>The tag of the checks <c>/health/ready</c> runs; a host adds its own checks under it.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Readiness checks of the backing services every process uses: the replica Postgres and Redis.</summary>
    public static IServiceCollection AddDefaultHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<ReplicaHealthCheck>("replica", tags: [ReadyTag])
            .AddCheck<RedisHealthCheck>("redis", tags: [ReadyTag]);
        return services;
    }

    /// <summary>Liveness (<c>/health/live</c>: the process answers) and readiness (<c>/health/ready</c>: every check tagged ready).</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).WithTags("Health");
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) })
            .WithTags("Health");
        return app;
    }
}
