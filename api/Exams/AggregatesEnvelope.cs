using System.Text.Json.Serialization;

namespace MockExams.Api.Exams;

/// <summary>
/// The shape of <c>GET /api/mock-exams/aggregates</c> for the OpenAPI document (built by the replica, cached as
/// bytes): one row per exam date, location and type, sorted so, and the totals over every exam that matched.
/// </summary>
public sealed record AggregatesEnvelope(bool Success, IReadOnlyList<AggregateRow> Aggregates, AggregateFigures Totals);

/// <summary>The figures of one exam date, location and type.</summary>
public sealed record AggregateRow(
    [property: JsonPropertyName("exam_date")] DateOnly? ExamDate,
    string? Location,
    [property: JsonPropertyName("mock_type")] string? MockType,
    long Exams,
    long Capacity,
    long Booked,
    [property: JsonPropertyName("seats_left")] long SeatsLeft,
    decimal? Utilisation);

/// <summary>
/// Exams, capacity, booked seats (<c>total_bookings</c>), seats left (capacity minus booked, never below zero per
/// exam) and utilisation (booked / capacity to 4 decimals; null without capacity).
/// </summary>
public sealed record AggregateFigures(
    long Exams,
    long Capacity,
    long Booked,
    [property: JsonPropertyName("seats_left")] long SeatsLeft,
    decimal? Utilisation);
