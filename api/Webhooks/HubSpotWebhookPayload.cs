using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using MockExams.Sync;

namespace MockExams.Api.Webhooks;

/// <summary>One event of a HubSpot webhook delivery (a JSON array of up to 100 of them). Unknown fields are ignored.</summary>
public sealed record HubSpotWebhookPayload(
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] long? EventId,
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] long? SubscriptionId,
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] long? OccurredAt,
    string? SubscriptionType,
    string? EventType,
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] long? ObjectId,
    string? ObjectTypeId,
    string? PropertyName,
    string? PropertyValue)
{
    /// <summary>
    /// The event in sync's terms; null when it names no object. HubSpot may deliver an event twice and its eventId is
    /// not guaranteed unique, so the dedupe key hashes what identifies the change itself.
    /// </summary>
    public WebhookEvent? ToEvent()
    {
        if (ObjectId is not { } objectId)
        {
            return null;
        }
        var type = SubscriptionType ?? EventType ?? "";
        var identity = string.Join('|', SubscriptionId, ObjectTypeId, objectId, type, OccurredAt, PropertyName, PropertyValue);
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)));
        var occurredAt = OccurredAt is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : DateTimeOffset.UtcNow;
        return new WebhookEvent(key, EventId, type, ObjectTypeId, objectId.ToString(CultureInfo.InvariantCulture), occurredAt, PropertyName);
    }
}
