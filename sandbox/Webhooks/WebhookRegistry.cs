namespace MockExams.Sandbox.Webhooks;

/// <summary>The one webhook subscription of the sandbox's app, or none.</summary>
public sealed class WebhookRegistry
{
    private WebhookSubscription? _current;

    public WebhookSubscription? Current => Volatile.Read(ref _current);

    public void Set(WebhookSubscription? subscription) => Volatile.Write(ref _current, subscription);
}
