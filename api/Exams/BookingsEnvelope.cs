using System.Text.Json.Serialization;

namespace MockExams.Api.Exams;

/// <summary>
/// The shape of <c>GET /api/mock-exams/{id}/bookings</c> for the OpenAPI document (built by the replica, cached
/// as bytes, the page cut by the api): one page of the exam's bookings that are not soft-deleted, oldest first,
/// with the paging and the total that matched.
/// </summary>
public sealed record BookingsEnvelope(
    bool Success,
    IReadOnlyList<BookingRow> Bookings,
    int Page,
    [property: JsonPropertyName("page_size")] int PageSize,
    long Total,
    [property: JsonPropertyName("total_pages")] long TotalPages);

/// <summary>One replica row of <c>hubspot_bookings</c>, as JSON with the table's column names.</summary>
public sealed record BookingRow(
    Guid Id,
    [property: JsonPropertyName("hubspot_id")] string HubspotId,
    [property: JsonPropertyName("booking_id")] string? BookingId,
    [property: JsonPropertyName("mock_exam_id")] string? MockExamId,
    [property: JsonPropertyName("contact_id")] string? ContactId,
    [property: JsonPropertyName("student_id")] string? StudentId,
    [property: JsonPropertyName("student_name")] string? StudentName,
    [property: JsonPropertyName("student_email")] string? StudentEmail,
    [property: JsonPropertyName("booking_status")] string? BookingStatus,
    [property: JsonPropertyName("is_active")] string? IsActive,
    string? Attendance,
    [property: JsonPropertyName("attending_location")] string? AttendingLocation,
    [property: JsonPropertyName("exam_date")] DateOnly? ExamDate,
    [property: JsonPropertyName("dominant_hand")] string? DominantHand,
    [property: JsonPropertyName("created_at")] DateTimeOffset? CreatedAt,
    [property: JsonPropertyName("updated_at")] DateTimeOffset? UpdatedAt,
    [property: JsonPropertyName("synced_at")] DateTimeOffset? SyncedAt,
    [property: JsonPropertyName("hs_last_modified_at")] DateTimeOffset? HsLastModifiedAt,
    [property: JsonPropertyName("deleted_at")] DateTimeOffset? DeletedAt);
