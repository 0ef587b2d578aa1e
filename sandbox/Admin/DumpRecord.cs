namespace MockExams.Sandbox.Admin;

/// <summary>A record in GET /__sandbox/dump: all its properties, archived or not, with its associations.</summary>
public sealed record DumpRecord(
    string Id,
    string ObjectTypeId,
    IReadOnlyDictionary<string, string> Properties,
    string CreatedAt,
    string UpdatedAt,
    bool Archived,
    string? ArchivedAt,
    IReadOnlyList<DumpAssociation> Associations);
