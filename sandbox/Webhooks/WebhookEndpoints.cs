using MockExams.Sandbox.Http;

namespace MockExams.Sandbox.Webhooks;

/// <summary>PUT/GET/DELETE /__sandbox/webhooks: the app's webhook target and client secret.</summary>
public static class WebhookEndpoints
{
    public static IEndpointRouteBuilder MapSandboxWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapPut("/__sandbox/webhooks", SubscribeAsync);
        app.MapGet("/__sandbox/webhooks", (WebhookRegistry registry) =>
            registry.Current is { } current ? Results.Json(current, SandboxJson.Options) : Results.NotFound());
        app.MapDelete("/__sandbox/webhooks", (WebhookRegistry registry) =>
        {
            registry.Set(null);
            return Results.NoContent();
        });
        return app;
    }

    private static async Task<IResult> SubscribeAsync(HttpRequest request, WebhookRegistry registry)
    {
        var (subscription, error) = await JsonBody.ReadAsync<WebhookSubscription>(request, request.HttpContext.RequestAborted);
        if (subscription is null)
        {
            return new ErrorResult(error!);
        }

        if (!Uri.TryCreate(subscription.TargetUrl, UriKind.Absolute, out _) || string.IsNullOrEmpty(subscription.ClientSecret))
        {
            return new ErrorResult(CrmError.Validation("targetUrl must be an absolute URL and clientSecret must not be empty"));
        }

        registry.Set(subscription);
        return Results.Json(subscription, SandboxJson.Options);
    }
}
