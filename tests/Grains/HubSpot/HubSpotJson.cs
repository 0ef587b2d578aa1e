namespace MockExams.Tests.Grains.HubSpot;

/// <summary>HubSpot-shaped answers for scripted tests.</summary>
public static class HubSpotJson
{
    public static string Booking(string id, string bookingId, string examId = "501") => $$"""
        {"id":"{{id}}","properties":{"booking_id":"{{bookingId}}","mock_exam_id":"{{examId}}","contact_id":"9001","booking_status":"Active",
         "is_active":"true","hs_object_id":"{{id}}","hs_createdate":"2026-11-20T10:00:00.000Z","hs_lastmodifieddate":"2026-11-20T10:05:00.123Z"},
         "createdAt":"2026-11-20T10:00:00.000Z","updatedAt":"2026-11-20T10:05:00.123Z","archived":false}
        """;

    public static string Exam(string id, int capacity = 40) => $$"""
        {"id":"{{id}}","properties":{"mock_exam_name":"Mock OSCE","capacity":"{{capacity}}","total_bookings":"3","is_active":"true",
         "exam_date":"2026-12-01","hs_object_id":"{{id}}","hs_createdate":"2026-11-20T10:00:00.000Z","hs_lastmodifieddate":"2026-11-20T10:05:00.123Z"},
         "createdAt":"2026-11-20T10:00:00.000Z","updatedAt":"2026-11-20T10:05:00.123Z","archived":false}
        """;

    public static string Batch(IEnumerable<string> results, string errors = "") =>
        $$"""{"status":"COMPLETE","results":[{{string.Join(',', results)}}]{{(errors.Length > 0 ? $",\"errors\":[{errors}]" : "")}},"startedAt":"2026-11-20T10:00:00.000Z","completedAt":"2026-11-20T10:00:00.100Z"}""";

    public static string InputError(string traceId, string category, string message) =>
        $$"""{"status":"error","category":"{{category}}","message":"{{message}}","context":{"objectWriteTraceId":["{{traceId}}"]},"errors":[]}""";

    public static string RateLimit(string policy) =>
        $$"""{"status":"error","message":"You have reached your {{policy.ToLowerInvariant()}} limit.","errorType":"RATE_LIMIT","correlationId":"c0ffee00-0000-4000-8000-000000000000","policyName":"{{policy}}","requestId":"r-1"}""";
}
