namespace MockExams.Sandbox.Crm;

/// <summary>
/// One version of a record. Immutable: a write replaces it, so readers (and the search index, which keeps
/// older versions until the lag passes) never see a half-written record. Properties hold only set values.
/// </summary>
public sealed record CrmRecord(
    long Id,
    string ObjectTypeId,
    IReadOnlyDictionary<string, string> Properties,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    bool Archived,
    DateTimeOffset? ArchivedAt)
{
    public string? Get(string property) => Properties.GetValueOrDefault(property);
}
