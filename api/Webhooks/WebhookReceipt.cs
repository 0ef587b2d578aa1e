namespace MockExams.Api.Webhooks;

/// <summary>The answer to a webhook delivery: events in it, and how many were new (the rest were redeliveries).</summary>
public sealed record WebhookReceipt(int Received, int New);
