namespace MockExams.Api.Webhooks;

public static partial class HubSpotWebhookEndpoints
{
    [LoggerMessage(EventId = 5701, Level = LogLevel.Warning, Message = "Refused a HubSpot webhook delivery ({Check}) for {Uri}")]
    private static partial void LogRefused(ILogger logger, SignatureCheck check, string uri);

    [LoggerMessage(EventId = 5702, Level = LogLevel.Warning, Message = "A HubSpot webhook arrived but HubSpot__WebhookSecret is not set; refused")]
    private static partial void LogNoSecret(ILogger logger);
}
