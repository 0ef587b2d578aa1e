using System.Text.Json.Serialization;

namespace MockExams.Sandbox.Objects;

/// <summary>SimplePublicObject (and its WithAssociations and Upsert variants) as HubSpot writes it.</summary>
public sealed record ObjectView(
    string Id,
    IReadOnlyDictionary<string, string?> Properties,
    string CreatedAt,
    string UpdatedAt,
    bool Archived,
    string? ArchivedAt,
    IReadOnlyDictionary<string, AssociatedIdCollection>? Associations = null,
    string? ObjectWriteTraceId = null,
    [property: JsonPropertyName("new")] bool? IsNew = null);
