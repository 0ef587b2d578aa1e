using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using MockExams.Api.Auth;
using MockExams.HubSpot;

namespace MockExams.Api.Dashboard;

/// <summary>
/// The sync dashboard: its page (<c>/admin</c>, static, no CDN; it signs in with a bearer token the user pastes)
/// and the JSON it needs beyond the existing endpoints: who the token is, and the HubSpot budget.
/// </summary>
public static class DashboardEndpoints
{
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        // The page and its script hold no data: every figure comes from endpoints that check the token.
        var page = app.MapGroup("/admin").WithTags("Dashboard").AllowAnonymous().ExcludeFromDescription();
        page.MapGet("/", (DashboardAssets assets) => assets.Result("index.html"));
        page.MapGet("/{file}", Asset);

        app.MapGet("/api/me", Me).WithTags("Dashboard").WithName("GetMe").RequireAuthorization();
        app.MapGet("/api/admin/hubspot/budget", BudgetAsync).WithTags("Dashboard").WithName("GetHubSpotBudget")
            .RequireAuthorization(Permissions.ExamsView);
        return app;
    }

    private static Results<FileContentHttpResult, NotFound> Asset(string file, DashboardAssets assets) =>
        assets.Has(file) ? assets.Result(file) : TypedResults.NotFound();

    /// <summary>The token's subject and permissions, so the page shows only the actions the api would allow.</summary>
    private static Ok<CurrentUser> Me(ClaimsPrincipal user) =>
        TypedResults.Ok(new CurrentUser(
            user.FindFirst("sub")?.Value,
            [.. user.FindAll(Permissions.ClaimType).Select(claim => claim.Value).Distinct().Order(StringComparer.Ordinal)]));

    private static async Task<Ok<HubSpotBudgetStatus>> BudgetAsync(IGrainFactory grains, CancellationToken cancellationToken) =>
        TypedResults.Ok(await grains.GetGrain<IHubSpotBudgetGrain>(0).GetStatusAsync(cancellationToken));
}
