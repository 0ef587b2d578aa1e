using System.Text.Json.Serialization;
using MockExams.Api.Exams;
using MockExams.Catalog;

namespace MockExams.Api.Events;

/// <summary>
/// The data of an <c>exam</c> event: one exam's own fields and seat counts as the replica holds them. Exam fields
/// only: no booking and no student ever appears in an event.
/// </summary>
public sealed record ExamSeats(
    [property: JsonPropertyName("hubspot_id")] string HubspotId,
    [property: JsonPropertyName("mock_exam_name")] string? MockExamName,
    [property: JsonPropertyName("mock_type")] string? MockType,
    [property: JsonPropertyName("exam_date")] DateOnly? ExamDate,
    [property: JsonPropertyName("start_time")] string? StartTime,
    [property: JsonPropertyName("end_time")] string? EndTime,
    [property: JsonPropertyName("location")] string? Location,
    [property: JsonPropertyName("capacity")] int Capacity,
    [property: JsonPropertyName("total_bookings")] int TotalBookings,
    [property: JsonPropertyName("seats_left")] int SeatsLeft,
    [property: JsonPropertyName("is_active")] bool IsActive,
    [property: JsonPropertyName("synced_at")] DateTimeOffset? SyncedAt,
    [property: JsonPropertyName("hs_last_modified_at")] DateTimeOffset? HsLastModifiedAt)
{
    public static ExamSeats From(ExamRow row)
    {
        var capacity = row.Capacity ?? 0;
        var booked = row.TotalBookings ?? 0;
        return new ExamSeats(
            row.HubspotId, row.MockExamName, row.MockType, row.ExamDate, row.StartTime, row.EndTime, row.Location,
            capacity, booked, Math.Max(0, capacity - booked), string.Equals(row.IsActive, "true", StringComparison.OrdinalIgnoreCase),
            SyncedAt: null, row.HsLastModifiedAt);   // the public row no longer carries synced_at (issue 19's one contract)
    }

    /// <summary>Whether the list endpoint would show this exam under <paramref name="filter"/> (CatalogReader's conditions).</summary>
    public bool Matches(ExamFilter filter) =>
        (filter.IsActive is not { } active || active == IsActive)
        && (filter.StartDate is not { } from || (ExamDate is { } date && date >= from))
        && (filter.EndDate is not { } to || (ExamDate is { } day && day <= to))
        && (filter.MockType is null || string.Equals(filter.MockType, MockType, StringComparison.Ordinal))
        && (filter.Location is null || string.Equals(filter.Location, Location, StringComparison.Ordinal));
}
