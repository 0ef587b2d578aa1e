using MockExams.Exams;

namespace MockExams.Grains.Sync;

/// <summary>Tombstones: the soft deletes of records HubSpot no longer returns (archived or deleted there).</summary>
public static class Tombstones
{
    /// <summary>
    /// The replica's row marked archived, as the soft delete of a record HubSpot archived or deleted. Its version is
    /// the deletion time when known, and always newer than the row's, so the never-older rule lets it through; a
    /// later restore in HubSpot carries a newer last-modified time still, and revives the row.
    /// </summary>
    public static ExamRecord Tombstone(this ExamRecord row, DateTimeOffset? deletedAt) =>
        row with { Archived = true, LastModifiedAt = After(row.LastModifiedAt, deletedAt) };

    /// <inheritdoc cref="Tombstone(ExamRecord, DateTimeOffset?)"/>
    public static BookingRecord Tombstone(this BookingRecord row, DateTimeOffset? deletedAt) =>
        row with { Archived = true, LastModifiedAt = After(row.LastModifiedAt, deletedAt) };

    private static DateTimeOffset After(DateTimeOffset current, DateTimeOffset? deletedAt) =>
        deletedAt is { } at && at > current ? at : current.AddMilliseconds(1);
}
