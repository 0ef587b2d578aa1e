using System.Globalization;
using System.Text;
using System.Text.Json;
using MockExams.Sandbox.Configuration;
using MockExams.Sandbox.Http;
using MockExams.Sandbox.Observability;

namespace MockExams.Sandbox.Webhooks;

/// <summary>
/// Delivers queued events as HubSpot does: POSTs of JSON arrays of up to WebhookBatchSize events,
/// signed (v3 and legacy v1), retried with growing randomised delays on any non-2xx answer or timeout,
/// with at most WebhookMaxConcurrentRequests requests in flight.
/// </summary>
public sealed partial class WebhookDeliveryService(
    WebhookQueue queue, WebhookRegistry registry, SandboxConfig config, SandboxStats stats,
    IHttpClientFactory httpClients, TimeProvider time, ILogger<WebhookDeliveryService> logger) : BackgroundService
{
    public const string HttpClientName = "webhooks";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var inFlight = new SemaphoreSlim(config.Current.WebhookMaxConcurrentRequests);
        var deliveries = new List<Task>();
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                var settings = config.Current;
                // Give a burst of changes a moment to gather, so one request carries many events.
                await Task.Delay(settings.WebhookBatchDelayMs, stoppingToken);
                while (queue.Reader.TryPeek(out _))
                {
                    var batch = new List<WebhookEvent>();
                    while (batch.Count < Math.Max(1, settings.WebhookBatchSize) && queue.Reader.TryRead(out var next))
                    {
                        batch.Add(next);
                    }

                    await inFlight.WaitAsync(stoppingToken);
                    deliveries.RemoveAll(d => d.IsCompleted);
                    deliveries.Add(DeliverWithRetriesAsync(batch, inFlight, stoppingToken));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: undelivered events are dropped, as a stopped HubSpot would not send them either.
        }

        await Task.WhenAll(deliveries);
    }

    private async Task DeliverWithRetriesAsync(List<WebhookEvent> batch, SemaphoreSlim inFlight, CancellationToken stoppingToken)
    {
        try
        {
            var settings = config.Current;
            for (var attempt = 0; attempt <= settings.WebhookMaxRetries; attempt++)
            {
                if (registry.Current is not { } subscription)
                {
                    return;
                }

                if (await TryDeliverAsync(subscription, batch.Select(e => e with { AttemptNumber = attempt }).ToList(), settings, stoppingToken))
                {
                    stats.RecordWebhookDelivered(batch.Count);
                    return;
                }

                stats.RecordWebhookAttemptFailed();
                if (attempt < settings.WebhookMaxRetries)
                {
                    var jitter = 0.8 + (Random.Shared.NextDouble() * 0.4);
                    await Task.Delay(TimeSpan.FromMilliseconds(settings.WebhookRetryDelayMs * Math.Pow(2, attempt) * jitter), stoppingToken);
                }
            }

            stats.RecordWebhookAbandoned();
            LogAbandoned(logger, batch.Count, settings.WebhookMaxRetries + 1);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            inFlight.Release();
        }
    }

    private async Task<bool> TryDeliverAsync(
        WebhookSubscription subscription, List<WebhookEvent> batch, SandboxSettings settings, CancellationToken stoppingToken)
    {
        var body = JsonSerializer.Serialize(batch, SandboxJson.Options);
        var timestamp = time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.TargetUrl)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-HubSpot-Signature-v3", WebhookSigner.SignV3(subscription.ClientSecret, "POST", subscription.TargetUrl, body, timestamp));
        request.Headers.Add("X-HubSpot-Request-Timestamp", timestamp);
        request.Headers.Add("X-HubSpot-Signature", WebhookSigner.SignV1(subscription.ClientSecret, body));
        request.Headers.Add("X-HubSpot-Signature-Version", "v1");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(settings.WebhookTimeoutMs);
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
            if (response.IsSuccessStatusCode)
            {
                return true;
            }

            LogRefused(logger, subscription.TargetUrl, (int)response.StatusCode);
            return false;
        }
        catch (HttpRequestException ex)
        {
            LogUnreachable(logger, subscription.TargetUrl, ex.Message);
            return false;
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            LogTimedOut(logger, subscription.TargetUrl, settings.WebhookTimeoutMs);
            return false;
        }
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Webhook target {TargetUrl} answered {StatusCode}; will retry")]
    private static partial void LogRefused(ILogger logger, string targetUrl, int statusCode);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Webhook target {TargetUrl} unreachable ({Reason}); will retry")]
    private static partial void LogUnreachable(ILogger logger, string targetUrl, string reason);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Webhook target {TargetUrl} did not answer within {TimeoutMs} ms; will retry")]
    private static partial void LogTimedOut(ILogger logger, string targetUrl, int timeoutMs);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "Gave up on a webhook request of {Events} events after {Attempts} attempts")]
    private static partial void LogAbandoned(ILogger logger, int events, int attempts);
}
