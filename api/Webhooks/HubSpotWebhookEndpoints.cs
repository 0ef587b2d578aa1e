using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MockExams.Sync;

namespace MockExams.Api.Webhooks;

public static partial class HubSpotWebhookEndpoints
{
    /// <summary>A delivery holds at most 100 events; anything far larger is not HubSpot.</summary>
    private const int MaxBodyBytes = 1024 * 1024;

    private const string LogCategory = "MockExams.Api.Webhooks";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// <c>POST /webhooks/hubspot</c>: no bearer token (HubSpot signs instead). A delivery whose v3 signature does not
    /// check out is refused with 401; a good one is stored in the webhook inbox (each event once) and answered at once;
    /// the sync grain then reads the changed records from HubSpot and applies them through the exam grains.
    /// </summary>
    public static IEndpointRouteBuilder MapHubSpotWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapPost("/webhooks/hubspot", ReceiveAsync)
            .WithName("ReceiveHubSpotWebhook")
            .WithTags("Webhooks")
            .AllowAnonymous()
            .DisableAntiforgery();
        return app;
    }

    public static IHostApplicationBuilder AddHubSpotWebhooks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<HubSpotWebhookOptions>()
            .BindConfiguration(HubSpotWebhookOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder;
    }

    private static async Task<Results<Ok<WebhookReceipt>, ProblemHttpResult>> ReceiveAsync(
        HttpRequest request, IOptions<HubSpotWebhookOptions> options, TimeProvider time, IGrainFactory grains,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var logger = loggers.CreateLogger(LogCategory);
        var body = await ReadBodyAsync(request, cancellationToken);
        if (body is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Webhook delivery too large");
        }

        if (string.IsNullOrEmpty(settings.WebhookSecret))
        {
            LogNoSecret(logger);
            return Unauthorized("Webhooks are not configured: HubSpot__WebhookSecret is not set.");
        }
        var uri = CalledUri(request, settings.WebhookBaseUrl);
        var check = HubSpotSignature.Verify(settings.WebhookSecret, request.Method, uri, body,
            request.Headers[HubSpotSignature.TimestampHeader], request.Headers[HubSpotSignature.SignatureHeader],
            time.GetUtcNow(), TimeSpan.FromSeconds(settings.WebhookMaxAgeSeconds));
        if (check != SignatureCheck.Valid)
        {
            LogRefused(logger, check, uri);
            return Unauthorized(check switch
            {
                SignatureCheck.Missing => $"The {HubSpotSignature.SignatureHeader} and {HubSpotSignature.TimestampHeader} headers are required.",
                SignatureCheck.Expired => "The request timestamp is missing, malformed or too old.",
                _ => "The signature does not match the request.",
            });
        }

        List<HubSpotWebhookPayload>? payload;
        try
        {
            payload = JsonSerializer.Deserialize<List<HubSpotWebhookPayload>>(body, Json);
        }
        catch (JsonException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed webhook delivery",
                detail: "The body must be a JSON array of HubSpot webhook events.");
        }

        var events = (payload ?? []).Select(p => p.ToEvent()).OfType<WebhookEvent>().ToList();
        var added = events.Count == 0
            ? 0
            : await grains.GetGrain<ISyncGrain>(ISyncGrain.SingletonKey).ReceiveWebhookEventsAsync(events, cancellationToken);
        return TypedResults.Ok(new WebhookReceipt(events.Count, added));
    }

    // The URL as HubSpot called it: the configured public base (proxies change scheme and host), the path, the raw query.
    private static string CalledUri(HttpRequest request, string? publicBaseUrl)
    {
        var origin = string.IsNullOrEmpty(publicBaseUrl)
            ? $"{request.Scheme}://{request.Host}{request.PathBase}"
            : publicBaseUrl.TrimEnd('/');
        return origin + request.Path.ToUriComponent() + request.QueryString.Value;
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static ProblemHttpResult Unauthorized(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Webhook signature rejected", detail: detail);
}
