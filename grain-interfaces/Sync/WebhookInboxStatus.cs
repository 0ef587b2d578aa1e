namespace MockExams.Sync;

/// <summary>The webhook inbox: events HubSpot delivered (each counted once) and how many are applied.</summary>
[GenerateSerializer, Immutable, Alias("mockexams.WebhookInboxStatus")]
public sealed record WebhookInboxStatus(
    [property: Id(0)] long Received,
    [property: Id(1)] long Applied,
    [property: Id(2)] long Pending,
    [property: Id(3)] DateTimeOffset? LastReceivedAt,
    [property: Id(4)] DateTimeOffset? LastAppliedAt);
