namespace MockExams.Api.OpenApi;

/// <summary>
/// The document's words for every operation, by endpoint name (its <c>operationId</c>). A mapped operation missing
/// here fails <c>OpenApiDocumentTests</c>, so a new endpoint cannot reach the document undescribed.
/// </summary>
public static class OperationCatalog
{
    private static readonly int[] Read = [401, 403, 503];
    private static readonly int[] ReadWithQuery = [400, 401, 403, 503];
    private static readonly int[] ReadOne = [401, 403, 404, 503];
    private static readonly int[] ReadOneWithQuery = [400, 401, 403, 404, 503];
    private static readonly int[] ExamWrite = [400, 401, 403, 404, 409, 429, 503];
    private static readonly int[] Admin = [400, 401, 403, 429, 503];

    public static readonly IReadOnlyDictionary<string, OperationDoc> Operations = new Dictionary<string, OperationDoc>(StringComparer.Ordinal)
    {
        ["ListMockExams"] = new("List mock exams",
            "One page of the mock exams that are not deleted, sorted by exam date, start time and id, with the total that "
            + "matched. Filters: `is_active`, `startDate`, `endDate`, `mock_type`, `location`. Staff (`exams.view`) and students.",
            ReadWithQuery),
        ["GetMockExamAggregates"] = new("Count exams and seats by date, location and type",
            "Groups of the matching exams (same filters as the list) with their capacity and bookings, and the totals. "
            + "Staff (`exams.view`) and students.",
            ReadWithQuery),
        ["GetMockExam"] = new("Get one mock exam",
            "The exam and its seats (`capacity`, `total_bookings`). Answers `ETag`; send it back in `If-None-Match` for a 304 "
            + "while the exam has not changed. Staff (`exams.view`) and students.",
            ReadOne),
        ["GetMockExamBookings"] = new("List an exam's bookings",
            "One page (`page`, `page_size`; defaults 1 and 50, at most 200) of the exam's bookings that are not deleted, "
            + "oldest first, filtered by `status` (`all`, `active`, `cancelled`), with `total`. Staff (`exams.view`) only: "
            + "it shows every student's contact details.",
            ReadOneWithQuery),
        ["CreateMockExam"] = new("Create a mock exam",
            "Creates the exam in HubSpot, then the replica. Send an `Idempotency-Key` to retry safely: a repeat gets the first "
            + "answer and never makes a second exam. Staff (`exams.edit`).",
            [400, 401, 403, 409, 429, 503], SuccessStatus: 201),
        ["UpdateMockExam"] = new("Change a mock exam",
            "Changes the fields sent; a capacity below the active bookings is refused (409). Staff (`exams.edit`).",
            ExamWrite),
        ["ArchiveMockExam"] = new("Archive a mock exam",
            "Archives the exam in HubSpot and removes it from every read. Staff (`exams.edit`).",
            [401, 403, 404, 409, 429, 503]),
        ["ActivateMockExam"] = new("Open a mock exam for booking", "Sets `is_active` to true. Staff (`exams.edit`).",
            [401, 403, 404, 409, 429, 503]),
        ["DeactivateMockExam"] = new("Close a mock exam for booking", "Sets `is_active` to false. Staff (`exams.edit`).",
            [401, 403, 404, 409, 429, 503]),
        ["BatchActivateMockExams"] = new("Open or close many exams",
            "Up to 100 exams; a result per exam (`changed`, `rejected`, `retry_later`). Staff (`exams.edit`).",
            [400, 401, 403, 429]),
        ["CreateBooking"] = new("Book a seat",
            "Books a seat for a student: refused (409) when the exam is full, closed, past, or the student already holds a "
            + "booking of it. `Location` names the new booking. Send an `Idempotency-Key` to retry safely. Staff "
            + "(`bookings.manage`) book for anyone; a student only for itself (`contact_id` may be left out).",
            [400, 401, 403, 404, 409, 429, 503], SuccessStatus: 201),
        ["CancelBooking"] = new("Cancel a booking",
            "Cancels one booking (its `booking_id` or HubSpot id). A student cancels only its own; another's answers 404.",
            [401, 403, 404, 409, 429, 503]),
        ["BatchCancelBookings"] = new("Cancel many bookings",
            "Up to 500 bookings across exams; a result per booking (`cancelled`, `rejected`, `retry_later`). A student's "
            + "batch touches only its own bookings; others are `booking_not_found`.",
            [400, 401, 403, 429]),
        ["GetBooking"] = new("Get one booking",
            "The booking (its `booking_id` or HubSpot id), from the read path, never HubSpot. Answers `ETag` and 304 on "
            + "`If-None-Match`. Staff (`exams.view`) read any; a student only its own (another's answers 404).",
            ReadOne),
        ["ListBookings"] = new("List one student's bookings",
            "Every booking of one contact, every exam, cancelled ones included. A student gets its own (leave `contact_id` "
            + "out); staff (`exams.view`) name the `contact_id`.",
            ReadWithQuery),
        ["ForceSync"] = new("Re-read exams or one exam's bookings from HubSpot",
            "`type=exams`: every exam re-read from HubSpot; `type=bookings&examId=…`: one exam and its bookings made to match. "
            + "Staff (`exams.edit`).",
            [400, 401, 403, 404, 429, 503]),
        ["GetSyncStatus"] = new("Replica sync status",
            "Watermarks, lag, the last backfill and reconciliation, the webhook inbox. Staff (`exams.view`).", Read),
        ["StartReconcile"] = new("Start a reconciliation",
            "Compares the replica with HubSpot (ids and modification times); `repair=true` fixes what differs through the "
            + "exam grains. 202 with the run to poll. Staff (`exams.edit`).",
            Admin),
        ["StartBackfill"] = new("Start or resume a backfill",
            "Copies HubSpot into the replica, page by page, never overwriting newer rows. Staff (`exams.edit`).", Admin),
        ["RunIncrementalSync"] = new("Run an incremental sync now",
            "Applies what HubSpot changed since the watermark. Staff (`exams.edit`).", Admin),
        ["GetExamFreshness"] = new("Sync times of every exam",
            "Each exam the replica holds (not deleted): `synced_at` (when the service last wrote it), `hs_last_modified_at` "
            + "(HubSpot's last modification of the version held) and `staleness_seconds` between them. Read from the replica, "
            + "never the cache; public exam rows leave `synced_at` out. Staff (`exams.view`).",
            Read),
        ["GetBookingFreshness"] = new("Sync times of an exam's bookings",
            "Each booking of the exam the replica holds (not deleted): `synced_at`, `hs_last_modified_at` and "
            + "`staleness_seconds`, from the replica. 404 when the replica holds no such exam. Staff (`exams.view`).",
            ReadOne),
        ["GetSyncRun"] = new("Get a sync run", "A reconciliation or backfill run: status, counts, details. Staff (`exams.view`).", ReadOne),
        ["StreamMockExamEvents"] = new("Stream seat changes of many exams",
            "Server-Sent Events (`text/event-stream`): the current state of every exam matching the list's filters, then an "
            + "`exam` event within a second of each change to one of them (bookings through any api, sync, webhooks, force "
            + "sync), `exam_removed` when one leaves, `heartbeat` while quiet. Send `Last-Event-ID` to resume. Exam fields and "
            + "seat counts only, never a student. Staff (`exams.view`) and students.",
            ReadWithQuery),
        ["StreamMockExamEventsOfOne"] = new("Stream seat changes of one exam",
            "Server-Sent Events for one exam: its current state, then an `exam` event within a second of each change. Past "
            + "the api's stream cap: 503 with `Retry-After`. Staff (`exams.view`) and students.",
            ReadOneWithQuery),
        ["GetMe"] = new("Who am I", "The token's subject and permissions, for a front end deciding what to show.", [401]),
        ["GetHubSpotBudget"] = new("HubSpot budget use",
            "The shared HubSpot budget: calls per lane in the last minute against the limit, 429s, the daily quota used. "
            + "Staff (`exams.view`).",
            Read),
        ["ReceiveHubSpotWebhook"] = new("Receive HubSpot webhook events",
            "HubSpot's v3-signed deliveries (`X-HubSpot-Signature-v3`); not for clients. Stored in the inbox and applied "
            + "through the exam grains.",
            [400, 401, 413]),
    };
}
