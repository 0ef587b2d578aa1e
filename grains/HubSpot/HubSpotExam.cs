namespace MockExams.Grains.HubSpot;

/// <summary>A mock exam as HubSpot holds it (custom object, properties as in the seed's table).</summary>
/// <param name="Id">HubSpot record id (<c>hs_object_id</c>).</param>
/// <param name="ExamDate">The <c>exam_date</c> date property (HubSpot: <c>yyyy-MM-dd</c> or midnight UTC).</param>
/// <param name="StartTime">The <c>start_time</c> property as entered in HubSpot (free text such as <c>09:00</c>).</param>
/// <param name="LastModified">HubSpot's <c>hs_lastmodifieddate</c>: orders versions of this record.</param>
public sealed record HubSpotExam(
    string Id,
    string? MockExamName,
    string? MockType,
    DateOnly? ExamDate,
    string? StartTime,
    string? EndTime,
    string? Location,
    int? Capacity,
    int? TotalBookings,
    bool? IsActive,
    DateTimeOffset? CreatedAt,
    DateTimeOffset LastModified,
    bool Archived);
