namespace MockExams.Sandbox.Webhooks;

/// <summary>Where events go and the app's client secret that signs them (PUT /__sandbox/webhooks).</summary>
public sealed record WebhookSubscription(string TargetUrl, string ClientSecret);
