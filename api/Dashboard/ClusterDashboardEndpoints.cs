using Microsoft.AspNetCore.Http.HttpResults;
using MockExams.Api.Auth;
using Orleans.Dashboard;

namespace MockExams.Api.Dashboard;

/// <summary>
/// The Orleans dashboard (Microsoft.Orleans.Dashboard: silos, activations per grain type and silo, calls, errors,
/// latency, reminders) served by the api, which is an Orleans client; every silo runs the dashboard's collectors
/// (<c>silo/SiloConfiguration.cs</c>). Only <c>exams.edit</c> may open it: the bearer header, or the cookie the sync
/// dashboard sets for a browser (<see cref="ClusterDashboardCookie"/>).
/// </summary>
public static class ClusterDashboardEndpoints
{
    public static IEndpointRouteBuilder MapClusterDashboard(this IEndpointRouteBuilder app)
    {
        app.MapOrleansDashboard(ClusterDashboardCookie.Path)
            .RequireAuthorization(Permissions.ExamsEdit)
            .AddEndpointFilter(RefuseGrainState)
            .WithTags("Cluster dashboard")
            .ExcludeFromDescription();

        var session = app.MapGroup($"{ClusterDashboardCookie.Path}/session").WithTags("Cluster dashboard").ExcludeFromDescription();
        session.MapPost("/", IssueCookie).RequireAuthorization(Permissions.ExamsEdit);
        session.MapDelete("/", RemoveCookie).AllowAnonymous();
        return app;
    }

    /// <summary>
    /// The dashboard's grain state page calls every parameterless method of a grain whose result type matches a field
    /// of it: on our grains that could run a verb (a sync, a flush), not just read. Operators read state elsewhere.
    /// </summary>
    private static async ValueTask<object?> RefuseGrainState(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.Request.Path.Value?.EndsWith("/GrainState", StringComparison.OrdinalIgnoreCase) == true
            ? TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Grain state inspection is off",
                detail: "The Orleans dashboard's grain state page would call grain methods; this api does not serve it.")
            : await next(context);

    private static Results<NoContent, ProblemHttpResult> IssueCookie(HttpContext context) =>
        ClusterDashboardCookie.Issue(context, context.User)
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bearer header required",
                detail: "Send the exams.edit token in the Authorization header; it becomes the dashboard's cookie.");

    private static NoContent RemoveCookie(HttpContext context)
    {
        ClusterDashboardCookie.Remove(context);
        return TypedResults.NoContent();
    }
}
