namespace MockExams.Sync;

/// <summary>
/// One HubSpot webhook event whose signature the api verified. Only what sync needs: which record changed,
/// how, and when. The changed record itself is read from HubSpot when the event is applied.
/// </summary>
/// <param name="DedupeKey">Identifies the event across HubSpot's redeliveries (eventId alone is not unique).</param>
/// <param name="SubscriptionType">e.g. <c>object.propertyChange</c>, <c>object.creation</c>, <c>object.deletion</c>.</param>
/// <param name="ObjectTypeId">The custom object's type id (<c>2-…</c>); null on legacy event types.</param>
[GenerateSerializer, Immutable, Alias("mockexams.WebhookEvent")]
public sealed record WebhookEvent(
    [property: Id(0)] string DedupeKey,
    [property: Id(1)] long? EventId,
    [property: Id(2)] string SubscriptionType,
    [property: Id(3)] string? ObjectTypeId,
    [property: Id(4)] string ObjectId,
    [property: Id(5)] DateTimeOffset OccurredAt,
    [property: Id(6)] string? PropertyName);
