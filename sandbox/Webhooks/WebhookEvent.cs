namespace MockExams.Sandbox.Webhooks;

/// <summary>One event of a delivery, in the field order HubSpot's payloads use.</summary>
public sealed record WebhookEvent(
    long EventId,
    long SubscriptionId,
    long PortalId,
    long AppId,
    long OccurredAt,
    string SubscriptionType,
    int AttemptNumber,
    long ObjectId,
    string ObjectTypeId,
    string? ChangeFlag,
    string? PropertyName,
    string? PropertyValue,
    string ChangeSource,
    string SourceId,
    bool IsSensitive);
