namespace MockExams.Tests.Api.Input.Generated;

/// <summary>One endpoint of the api as the generated-input tests see it: where its inputs go.</summary>
/// <param name="Template">Path with <c>{name}</c> route parameters.</param>
/// <param name="Query">Query parameters it reads.</param>
/// <param name="Body">JSON body fields, or null when it reads no JSON body.</param>
/// <param name="ReadOnly">A read: any input at all may be sent (nothing can change).</param>
public sealed record EndpointSpec(
    string Name, HttpMethod Method, string Template, string[] Query, BodyField[]? Body = null, bool ReadOnly = false)
{
    public override string ToString() => Name;

    public static readonly EndpointSpec[] All =
    [
        new("ListMockExams", HttpMethod.Get, "/api/mock-exams",
            ["is_active", "startDate", "endDate", "mock_type", "location", "page", "page_size"], ReadOnly: true),
        new("GetMockExamAggregates", HttpMethod.Get, "/api/mock-exams/aggregates",
            ["is_active", "startDate", "endDate", "mock_type", "location"], ReadOnly: true),
        new("GetMockExam", HttpMethod.Get, "/api/mock-exams/{id}", [], ReadOnly: true),
        new("GetMockExamBookings", HttpMethod.Get, "/api/mock-exams/{id}/bookings", ["status"], ReadOnly: true),
        new("GetSyncStatus", HttpMethod.Get, "/api/admin/sync/status", [], ReadOnly: true),
        new("GetSyncRun", HttpMethod.Get, "/api/admin/sync/runs/{id}", [], ReadOnly: true),
        new("CreateMockExam", HttpMethod.Post, "/api/mock-exams", [], ExamFields),
        new("UpdateMockExam", HttpMethod.Patch, "/api/mock-exams/{id}", [], ExamFields),
        new("ArchiveMockExam", HttpMethod.Delete, "/api/mock-exams/{id}", []),
        new("ActivateMockExam", HttpMethod.Post, "/api/mock-exams/{id}/activate", []),
        new("DeactivateMockExam", HttpMethod.Post, "/api/mock-exams/{id}/deactivate", []),
        new("BatchActivateMockExams", HttpMethod.Post, "/api/mock-exams/batch-activate", [],
            [new("exam_ids", FieldKind.TextList), new("is_active", FieldKind.Bool)]),
        new("CreateBooking", HttpMethod.Post, "/api/bookings", [],
        [
            new("mock_exam_id", FieldKind.Id), new("contact_id", FieldKind.Id), new("student_id", FieldKind.Text),
            new("student_name", FieldKind.Text), new("student_email", FieldKind.Email), new("dominant_hand", FieldKind.Hand),
            new("attending_location", FieldKind.Text),
        ]),
        new("CancelBooking", HttpMethod.Post, "/api/bookings/{bookingId}/cancel", []),
        new("BatchCancelBookings", HttpMethod.Post, "/api/bookings/batch-cancel", [], [new("booking_ids", FieldKind.TextList)]),
        new("ForceSync", HttpMethod.Post, "/api/admin/sync/force-supabase", ["type", "examId"]),
        new("StartReconcile", HttpMethod.Post, "/api/admin/sync/reconcile", ["repair"]),
        new("StartBackfill", HttpMethod.Post, "/api/admin/sync/backfill", []),
        new("RunIncrementalSync", HttpMethod.Post, "/api/admin/sync/incremental", []),
        new("ReceiveHubSpotWebhook", HttpMethod.Post, "/webhooks/hubspot", [],
            [new("eventId", FieldKind.Int), new("subscriptionType", FieldKind.Text), new("objectId", FieldKind.Id)]),
    ];

    private static BodyField[] ExamFields =>
    [
        new("mock_exam_name", FieldKind.Text), new("mock_type", FieldKind.Text), new("exam_date", FieldKind.Date),
        new("start_time", FieldKind.Text), new("end_time", FieldKind.Text), new("location", FieldKind.Text),
        new("capacity", FieldKind.Int), new("is_active", FieldKind.Bool),
    ];

    public bool HasRoute => Template.Contains('{');
}

/// <summary>A JSON body field and the kind of value the endpoint expects in it.</summary>
public sealed record BodyField(string Name, FieldKind Kind);

public enum FieldKind
{
    Text,
    Id,
    Email,
    Hand,
    Date,
    Int,
    Bool,
    TextList,
}
