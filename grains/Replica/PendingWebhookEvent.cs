namespace MockExams.Grains.Replica;

/// <summary>A stored webhook event not yet applied.</summary>
public sealed record PendingWebhookEvent(
    string DedupeKey, string SubscriptionType, string? ObjectTypeId, string ObjectId, DateTimeOffset OccurredAt, int Attempts);
