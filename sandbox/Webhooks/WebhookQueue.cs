using System.Threading.Channels;
using MockExams.Sandbox.Configuration;
using MockExams.Sandbox.Crm;
using MockExams.Sandbox.Observability;

namespace MockExams.Sandbox.Webhooks;

/// <summary>
/// Turns committed changes into webhook events while a subscription exists, and queues them for the
/// delivery service; the API call that made the change never waits for a delivery.
/// </summary>
public sealed class WebhookQueue(WebhookRegistry registry, SandboxConfig config, SandboxStats stats) : IRecordChangeListener
{
    // A HubSpot user id for changes "made in the UI".
    private const long UiUserId = 75514748;

    private readonly Channel<WebhookEvent> _events = Channel.CreateUnbounded<WebhookEvent>(new UnboundedChannelOptions { SingleReader = true });
    private long _nextEventId = 1_000_000;

    public ChannelReader<WebhookEvent> Reader => _events.Reader;

    public void OnChanges(IReadOnlyList<RecordChange> changes)
    {
        if (registry.Current is null)
        {
            return;
        }

        var settings = config.Current;
        var queued = 0;
        foreach (var change in changes)
        {
            // HubSpot does not allow subscriptions to hs_lastmodifieddate changes, so they are never sent.
            if (change.PropertyName is "hs_lastmodifieddate" or "lastmodifieddate")
            {
                continue;
            }

            _events.Writer.TryWrite(ToEvent(change, settings));
            queued++;
        }

        stats.RecordEventsQueued(queued);
    }

    private WebhookEvent ToEvent(RecordChange change, SandboxSettings settings)
    {
        var (type, subscriptionOffset) = change.Kind switch
        {
            ChangeKind.Creation => ("object.creation", 1),
            ChangeKind.Deletion => ("object.deletion", 3),
            _ => ("object.propertyChange", 2),
        };
        var fromUi = change.Source == ChangeSource.CrmUi;
        return new WebhookEvent(
            Interlocked.Increment(ref _nextEventId),
            (settings.AppId * 10) + subscriptionOffset,
            settings.PortalId,
            settings.AppId,
            change.OccurredAt.ToUnixTimeMilliseconds(),
            type,
            0,
            change.ObjectId,
            change.ObjectTypeId,
            change.Kind == ChangeKind.Creation ? "NEW" : null,
            change.PropertyName,
            change.Kind == ChangeKind.PropertyChange ? change.PropertyValue ?? "" : null,
            fromUi ? "CRM_UI" : "API",
            fromUi ? $"userId:{UiUserId}" : settings.AppId.ToString(),
            false);
    }
}
