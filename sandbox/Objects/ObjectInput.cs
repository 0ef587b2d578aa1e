using System.Text.Json;
using System.Text.Json.Serialization;
using MockExams.Sandbox.Crm;
using MockExams.Sandbox.Http;

namespace MockExams.Sandbox.Objects;

/// <summary>The body of a create or update, and one input of a batch (SimplePublicObjectInput and its batch forms).</summary>
public sealed record ObjectInput(
    IReadOnlyDictionary<string, JsonElement>? Properties,
    IReadOnlyList<AssociationInput>? Associations,
    [property: JsonConverter(typeof(FlexibleStringConverter))] string? Id,
    string? IdProperty,
    string? ObjectWriteTraceId)
{
    /// <summary>Property values as HubSpot keeps them: strings; null or "" clears.</summary>
    public IReadOnlyDictionary<string, string?> PropertyValues() =>
        (Properties ?? new Dictionary<string, JsonElement>()).ToDictionary(p => p.Key, p => p.Value.ValueKind switch
        {
            JsonValueKind.String => p.Value.GetString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => p.Value.GetRawText(),
        });

    public WriteRequest ToWriteRequest(string? idValue = null, string? idProperty = null) =>
        new(PropertyValues(), idValue ?? Id, idProperty ?? IdProperty, InlineAssociations(), ObjectWriteTraceId);

    private List<AssociationRequest> InlineAssociations() =>
        (Associations ?? [])
        .SelectMany(a => (a.Types ?? []).Select(t => new AssociationRequest(
            long.TryParse(a.To?.Id, out var id) ? id : -1, t.AssociationCategory ?? "", t.AssociationTypeId)))
        .ToList();
}
