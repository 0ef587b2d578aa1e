namespace MockExams.Sandbox.Crm;

/// <summary>A change as webhooks report it: one per created or archived record, one per changed property.</summary>
public sealed record RecordChange(
    ChangeKind Kind,
    string ObjectTypeId,
    long ObjectId,
    string? PropertyName,
    string? PropertyValue,
    DateTimeOffset OccurredAt,
    ChangeSource Source);
