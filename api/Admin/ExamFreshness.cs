namespace MockExams.Api.Admin;

/// <summary>
/// How current the replica's copy of one exam is: <see cref="SyncedAt"/> (when the service last wrote the row) against
/// <see cref="HsLastModifiedAt"/> (HubSpot's <c>hs_lastmodifieddate</c> of the version the row holds).
/// </summary>
/// <param name="StalenessSeconds">
/// <c>synced_at − hs_last_modified_at</c>, never below 0: how long the change took to reach the replica. Null when
/// either time is unknown.
/// </param>
public sealed record ExamFreshness(string HubspotId, DateTimeOffset? SyncedAt, DateTimeOffset? HsLastModifiedAt, double? StalenessSeconds)
{
    public static ExamFreshness From(string hubspotId, DateTimeOffset? syncedAt, DateTimeOffset? hsLastModifiedAt) =>
        new(hubspotId, syncedAt, hsLastModifiedAt,
            syncedAt is { } synced && hsLastModifiedAt is { } modified ? Math.Max(0, (synced - modified).TotalSeconds) : null);
}

/// <summary>Every exam the replica holds (not deleted), with its sync times: the admin dashboard's staleness column.</summary>
public sealed record ExamFreshnessList(bool Success, DateTimeOffset GeneratedAt, IReadOnlyList<ExamFreshness> Exams);

/// <summary>How current the replica's copy of one booking is; the same times as <see cref="ExamFreshness"/>.</summary>
public sealed record BookingFreshness(
    string HubspotId, string? BookingId, DateTimeOffset? SyncedAt, DateTimeOffset? HsLastModifiedAt, double? StalenessSeconds)
{
    public static BookingFreshness From(string hubspotId, string? bookingId, DateTimeOffset? syncedAt, DateTimeOffset? hsLastModifiedAt) =>
        new(hubspotId, bookingId, syncedAt, hsLastModifiedAt, ExamFreshness.From(hubspotId, syncedAt, hsLastModifiedAt).StalenessSeconds);
}

/// <summary>Every booking of one exam the replica holds (not deleted), with its sync times: the drill-down's staleness.</summary>
public sealed record BookingFreshnessList(bool Success, DateTimeOffset GeneratedAt, string MockExamId, IReadOnlyList<BookingFreshness> Bookings);
