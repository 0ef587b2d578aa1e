namespace MockExams.Sandbox.Crm;

/// <summary>
/// One input of a create, update or upsert. IdValue/IdProperty name the record (updates and upserts);
/// a null property value clears the property, as an empty string does in HubSpot. <see cref="InjectedRefusal"/>: the
/// sandbox refuses this input with that error whatever it holds (<c>InputRefusalRate</c>).
/// </summary>
public sealed record WriteRequest(
    IReadOnlyDictionary<string, string?> Properties,
    string? IdValue = null,
    string? IdProperty = null,
    IReadOnlyList<AssociationRequest>? Associations = null,
    string? ObjectWriteTraceId = null,
    Http.CrmError? InjectedRefusal = null);
