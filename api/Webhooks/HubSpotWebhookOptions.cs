using System.ComponentModel.DataAnnotations;

namespace MockExams.Api.Webhooks;

/// <summary>
/// How <c>POST /webhooks/hubspot</c> checks HubSpot's v3 signature. Section "HubSpot" (the same as the client's);
/// env <c>HubSpot__WebhookSecret</c>, <c>HubSpot__WebhookBaseUrl</c>, <c>HubSpot__WebhookMaxAgeSeconds</c>.
/// </summary>
public sealed class HubSpotWebhookOptions
{
    public const string SectionName = "HubSpot";

    /// <summary>The HubSpot app's client secret, which keys the signature. Secret: never logged. Unset: every delivery is refused.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>
    /// The public base URL HubSpot calls (e.g. <c>https://api.example.com</c>, with any path prefix a proxy strips).
    /// The signature covers the full URL as HubSpot called it; behind a TLS-terminating proxy the request seen here
    /// has another scheme or host. Unset: the request's own scheme, host and path base.
    /// </summary>
    [Url] public string? WebhookBaseUrl { get; set; }

    /// <summary>Deliveries whose timestamp is further than this from now are refused (HubSpot: 5 minutes).</summary>
    [Range(1, 3600)] public int WebhookMaxAgeSeconds { get; set; } = 300;
}
