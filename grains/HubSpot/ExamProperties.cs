namespace MockExams.Grains.HubSpot;

/// <summary>HubSpot property names of the mock exam object (the seed's columns).</summary>
public static class ExamProperties
{
    public const string MockExamName = "mock_exam_name";
    public const string MockType = "mock_type";
    public const string ExamDate = "exam_date";
    public const string StartTime = "start_time";
    public const string EndTime = "end_time";
    public const string Location = "location";
    public const string Capacity = "capacity";
    public const string TotalBookings = "total_bookings";
    public const string IsActive = "is_active";

    /// <summary>
    /// Our id of the create request that made the exam, unique in HubSpot (a unique-value property the portal must
    /// have): a create without an answer is settled by looking it up, as bookings are by <c>booking_id</c>.
    /// </summary>
    public const string CreationId = "creation_id";

    /// <summary>Every property we read, HubSpot's own included.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        MockExamName, MockType, ExamDate, StartTime, EndTime, Location, Capacity, TotalBookings, IsActive,
        HubSpotSystemProperties.ObjectId, HubSpotSystemProperties.CreateDate, HubSpotSystemProperties.LastModifiedDate,
    ];
}
