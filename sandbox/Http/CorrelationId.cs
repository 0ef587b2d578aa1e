namespace MockExams.Sandbox.Http;

/// <summary>Gives every response an X-HubSpot-Correlation-Id, the same value error bodies carry.</summary>
public static class CorrelationId
{
    public const string HeaderName = "X-HubSpot-Correlation-Id";
    private const string ItemKey = "hubspot.correlationId";

    public static string Of(HttpContext context)
    {
        if (context.Items.TryGetValue(ItemKey, out var value) && value is string id)
        {
            return id;
        }

        var created = Guid.NewGuid().ToString();
        context.Items[ItemKey] = created;
        return created;
    }

    public static IApplicationBuilder UseCorrelationId(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.Headers[HeaderName] = Of(context);
            await next(context);
        });
}
