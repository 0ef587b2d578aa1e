using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using MockExams.Grains.HubSpot;

namespace MockExams.Tests.Grains.HubSpot;

/// <summary>The client's decisions, against a HubSpot that answers exactly as scripted.</summary>
public sealed class HubSpotClientScriptedTests
{
    private const string Bookings = "/crm/objects/2026-09/2-41000002";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateBookings_ConnectionLostOnCreate_LooksUpFirstAndSendsOnlyTheMissing()
    {
        var hubSpot = new ScriptedHubSpot()
            .ThenConnectionReset()
            .Then(HttpStatusCode.MultiStatus, HubSpotJson.Batch([HubSpotJson.Booking("11", "bk-1"), HubSpotJson.Booking("12", "bk-2")],
                """{"status":"error","category":"OBJECT_NOT_FOUND","message":"Could not get some objects","context":{"ids":["bk-3"]}}"""))
            .Then(HttpStatusCode.Created, HubSpotJson.Batch([HubSpotJson.Booking("13", "bk-3")]));
        await using var process = await StartAsync(hubSpot);

        var results = await process.Client.CreateBookingsAsync([NewBooking("bk-1"), NewBooking("bk-2"), NewBooking("bk-3")], HubSpotLane.UserWrite, Ct);

        Assert.Equal(
            [$"POST {Bookings}/batch/create", $"POST {Bookings}/batch/read", $"POST {Bookings}/batch/create"],
            hubSpot.Requests.Select(r => $"{r.Method} {r.Path}"));
        Assert.Equal("booking_id", Json(hubSpot.Requests[1]).GetProperty("idProperty").GetString());
        Assert.Equal(["bk-3"], TraceIds(hubSpot.Requests[2]));
        Assert.Equal(
            [("bk-1", CreateStatus.AlreadyExisted, "11"), ("bk-2", CreateStatus.AlreadyExisted, "12"), ("bk-3", CreateStatus.Created, "13")],
            results.Select(r => (r.BookingId, r.Status, r.Booking!.Id)));
    }

    [Fact]
    public async Task CreateBookings_ServerErrorOnCreate_IsNotRepeatedByTheResilienceHandler()
    {
        var hubSpot = new ScriptedHubSpot()
            .Then(HttpStatusCode.InternalServerError, """{"status":"error","message":"internal error","category":"INTERNAL_ERROR"}""")
            .Then(HttpStatusCode.OK, HubSpotJson.Batch([]))
            .Then(HttpStatusCode.Created, HubSpotJson.Batch([HubSpotJson.Booking("21", "bk-1")]));
        await using var process = await StartAsync(hubSpot);

        var results = await process.Client.CreateBookingsAsync([NewBooking("bk-1")], HubSpotLane.UserWrite, Ct);

        Assert.Equal(["batch/create", "batch/read", "batch/create"], hubSpot.Requests.Select(r => r.Path[(Bookings.Length + 1)..]));
        Assert.Equal(CreateStatus.Created, Assert.Single(results).Status);
    }

    [Fact]
    public async Task CreateBookings_DuplicateBookingIdInA207_ReturnsTheExistingRecord()
    {
        var hubSpot = new ScriptedHubSpot()
            .Then(HttpStatusCode.MultiStatus, HubSpotJson.Batch([HubSpotJson.Booking("31", "bk-1")],
                HubSpotJson.InputError("bk-2", "VALIDATION_ERROR", "booking_id already has that value")))
            .Then(HttpStatusCode.OK, HubSpotJson.Batch([HubSpotJson.Booking("777", "bk-2")]));
        await using var process = await StartAsync(hubSpot);

        var results = await process.Client.CreateBookingsAsync([NewBooking("bk-1"), NewBooking("bk-2")], HubSpotLane.UserWrite, Ct);

        Assert.Equal(
            [(CreateStatus.Created, "31"), (CreateStatus.AlreadyExisted, "777")],
            results.Select(r => (r.Status, r.Booking!.Id)));
        Assert.Equal(["bk-2"], Json(hubSpot.Requests[1]).GetProperty("inputs").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task CreateBookings_OneInvalidInput_FailsAloneWithHubSpotsReason()
    {
        var hubSpot = new ScriptedHubSpot()
            .Then(HttpStatusCode.MultiStatus, HubSpotJson.Batch([HubSpotJson.Booking("41", "bk-1")],
                """{"status":"error","category":"VALIDATION_ERROR","message":"Property values were not valid","context":{"objectWriteTraceId":["bk-2"],"propertyName":["dominant_hand"]}}"""));
        await using var process = await StartAsync(hubSpot);

        var results = await process.Client.CreateBookingsAsync([NewBooking("bk-1"), NewBooking("bk-2")], HubSpotLane.UserWrite, Ct);

        Assert.Single(hubSpot.Requests);
        Assert.Equal(CreateStatus.Created, results[0].Status);
        Assert.Equal((CreateStatus.Failed, null), (results[1].Status, results[1].Booking));
        Assert.Equal(new HubSpotInputError("VALIDATION_ERROR", "Property values were not valid", "dominant_hand"), results[1].Error);
    }

    [Fact]
    public async Task CreateBookings_Body_CarriesInlineAssociationsTraceIdsAndTheToken()
    {
        var hubSpot = new ScriptedHubSpot().Then(HttpStatusCode.Created, HubSpotJson.Batch([HubSpotJson.Booking("51", "bk-1")]));
        await using var process = await StartAsync(hubSpot);

        await process.Client.CreateBookingsAsync([NewBooking("bk-1")], HubSpotLane.UserWrite, Ct);

        var request = Assert.Single(hubSpot.Requests);
        Assert.Equal("Bearer sandbox-token", request.Authorization);
        var input = Json(request).GetProperty("inputs")[0];
        Assert.Equal("bk-1", input.GetProperty("objectWriteTraceId").GetString());
        Assert.Equal("bk-1", input.GetProperty("properties").GetProperty("booking_id").GetString());
        Assert.Equal("true", input.GetProperty("properties").GetProperty("is_active").GetString());
        Assert.Equal(
            [("501", "USER_DEFINED", 101), ("9001", "USER_DEFINED", 103)],
            input.GetProperty("associations").EnumerateArray().Select(a => (
                a.GetProperty("to").GetProperty("id").GetString(),
                a.GetProperty("types")[0].GetProperty("associationCategory").GetString(),
                a.GetProperty("types")[0].GetProperty("associationTypeId").GetInt32())));
    }

    [Fact]
    public async Task GetExam_ServiceUnavailableThenOk_IsRetried_AndEachAttemptTakesBudget()
    {
        var hubSpot = new ScriptedHubSpot()
            .Then(HttpStatusCode.ServiceUnavailable)
            .Then(HttpStatusCode.OK, HubSpotJson.Exam("501"));
        await using var process = await StartAsync(hubSpot);

        var exam = await process.Client.GetExamAsync("501", HubSpotLane.Sync, Ct);

        Assert.Equal(("501", 40, 3), (exam!.Id, exam.Capacity, exam.TotalBookings));
        Assert.Equal(2, hubSpot.Requests.Count);
        Assert.Equal(2, (await process.Budget.GetSnapshotAsync(Ct)).DailyUsed);
    }

    [Fact]
    public async Task AnyCall_HubSpotHeadersSayTheWindowIsNearlyFull_HoldTheSharedBudget()
    {
        var hubSpot = new ScriptedHubSpot().Then(_ =>
        {
            var answer = ScriptedHubSpot.Json(HttpStatusCode.OK, HubSpotJson.Exam("501"));
            answer.Headers.Add("X-HubSpot-RateLimit-Max", "100");
            answer.Headers.Add("X-HubSpot-RateLimit-Remaining", "0");
            return answer;
        });
        await using var process = await StartAsync(hubSpot);

        await process.Client.GetExamAsync("501", HubSpotLane.Sync, Ct);

        Assert.True((await process.Budget.GetSnapshotAsync(Ct)).PausedFor > TimeSpan.Zero);
    }

    [Fact]
    public async Task UpdateExam_429TenSecondly_PausesTheSharedBudget_AndAUserWriteGetsRetryAfter()
    {
        var hubSpot = new ScriptedHubSpot().Then(HttpStatusCode.TooManyRequests, HubSpotJson.RateLimit("TEN_SECONDLY_ROLLING"));
        await using var process = await StartAsync(hubSpot);
        var clock = Stopwatch.StartNew();

        var refused = await Assert.ThrowsAsync<HubSpotRateLimitedException>(
            () => process.Client.UpdateExamAsync("501", new ExamChanges(Capacity: 10), HubSpotLane.UserWrite, Ct));

        Assert.Single(hubSpot.Requests);   // never retried by the resilience handler
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), "a pause longer than the user's deadline is answered at once");
        Assert.Equal(("TEN_SECONDLY_ROLLING", 429, 10), (refused.PolicyName, refused.StatusCode, refused.RetryAfterSeconds));
        Assert.InRange((await process.Budget.GetSnapshotAsync(Ct)).PausedFor, TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Search_429Secondly_WaitsOutThePauseAndSucceeds()
    {
        var hubSpot = new ScriptedHubSpot()
            .Then(HttpStatusCode.TooManyRequests, HubSpotJson.RateLimit("SECONDLY"))
            .Then(HttpStatusCode.OK, $$"""{"total":1,"results":[{{HubSpotJson.Booking("61", "bk-1")}}]}""");
        await using var process = await StartAsync(hubSpot);
        var clock = Stopwatch.StartNew();

        var found = await process.Client.SearchBookingsModifiedSinceAsync(DateTimeOffset.UnixEpoch, HubSpotLane.Sync, Ct).ToListAsync(Ct);

        Assert.Equal("61", Assert.Single(found).Id);
        Assert.Equal(2, hubSpot.Requests.Count);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(900), $"resent after {clock.Elapsed}, before the 1 s pause ended");
        var body = Json(hubSpot.Requests[0]);
        Assert.Equal("GTE", body.GetProperty("filterGroups")[0].GetProperty("filters")[0].GetProperty("operator").GetString());
        Assert.Equal("ASCENDING", body.GetProperty("sorts")[0].GetProperty("direction").GetString());
        Assert.Equal(200, body.GetProperty("limit").GetInt32());
    }

    [Fact]
    public async Task UpdateBookings_RefusedPerInputAfterAnUnansweredAttempt_IsAnUnknownOutcomeNotARefusal()
    {
        // The first attempt may land later (a late write): the retry's refusal cannot say the booking was not cancelled.
        var hubSpot = new ScriptedHubSpot()
            .Then(HttpStatusCode.GatewayTimeout)
            .Then(HttpStatusCode.MultiStatus, HubSpotJson.Batch([], HubSpotJson.InputError("71", "VALIDATION_ERROR", "refused by a rule")));
        await using var process = await StartAsync(hubSpot);

        var result = Assert.Single(await process.Client.UpdateBookingsAsync(
            [new BookingChanges("71", "Cancelled", IsActive: false)], HubSpotLane.UserWrite, Ct));

        Assert.Equal(2, hubSpot.Requests.Count);
        Assert.True(result.Unknown, $"booking {result.Booking?.Id}, error {result.Error?.Message}");
    }

    [Fact]
    public async Task UpdateBookings_RefusedPerInputAtTheFirstAttempt_IsARefusal()
    {
        var hubSpot = new ScriptedHubSpot()
            .Then(HttpStatusCode.MultiStatus, HubSpotJson.Batch([], HubSpotJson.InputError("72", "VALIDATION_ERROR", "refused by a rule")));
        await using var process = await StartAsync(hubSpot);

        var result = Assert.Single(await process.Client.UpdateBookingsAsync(
            [new BookingChanges("72", "Cancelled", IsActive: false)], HubSpotLane.UserWrite, Ct));

        Assert.Equal(("refused by a rule", false), (result.Error?.Message, result.Unknown));
    }

    [Fact]
    public async Task UpdateExam_RefusedAfterAnUnansweredAttempt_IsTransientNotAValidationError()
    {
        var hubSpot = new ScriptedHubSpot()
            .Then(HttpStatusCode.BadGateway)
            .Then(HttpStatusCode.BadRequest, """{"status":"error","message":"Property values were not valid","category":"VALIDATION_ERROR"}""");
        await using var process = await StartAsync(hubSpot);

        var unknown = await Assert.ThrowsAsync<HubSpotTransientException>(
            () => process.Client.UpdateExamAsync("501", new ExamChanges(Capacity: 12), HubSpotLane.UserWrite, Ct));

        Assert.IsType<HubSpotValidationException>(unknown.InnerException);
        Assert.Equal(2, hubSpot.Requests.Count);
    }

    [Fact]
    public async Task CreateBookings_WholeBatchRefusedAfterAnUnansweredAttempt_IsAnUnknownOutcome()
    {
        var hubSpot = new ScriptedHubSpot()
            .ThenConnectionReset()
            .Then(HttpStatusCode.OK, HubSpotJson.Batch([]))
            .Then(HttpStatusCode.BadRequest, """{"status":"error","message":"Property values were not valid","category":"VALIDATION_ERROR"}""");
        await using var process = await StartAsync(hubSpot);

        var unknown = await Assert.ThrowsAsync<HubSpotTransientException>(
            () => process.Client.CreateBookingsAsync([NewBooking("bk-9")], HubSpotLane.UserWrite, Ct));

        Assert.IsType<HubSpotValidationException>(unknown.InnerException);
        Assert.Equal(3, hubSpot.Requests.Count);
    }

    [Fact]
    public async Task CreateExam_RefusedAfterAnUnansweredAttemptThatTheLookUpDoesNotFind_IsAnUnknownOutcome()
    {
        // Attempt 1 times out and may still land; the look-up misses it; attempt 2 is refused. That says nothing.
        var hubSpot = new ScriptedHubSpot()
            .ThenConnectionReset()
            .Then(HttpStatusCode.OK, HubSpotJson.Batch([]))
            .Then(HttpStatusCode.BadRequest, """{"status":"error","message":"Property values were not valid","category":"VALIDATION_ERROR"}""");
        await using var process = await StartAsync(hubSpot);

        var unknown = await Assert.ThrowsAsync<HubSpotTransientException>(() => process.Client.CreateExamAsync(
            new NewExam("Mock", "Situational Judgment", new DateOnly(2030, 6, 1), null, null, "Toronto", 10, true, CreationId: "c-1"),
            HubSpotLane.UserWrite, Ct));

        Assert.IsType<HubSpotValidationException>(unknown.InnerException);
        Assert.Equal(3, hubSpot.Requests.Count);
    }

    [Fact]
    public async Task GetExam_NotFound_IsNull_ButUpdateOfAMissingExamThrows()
    {
        var notFound = """{"status":"error","message":"resource not found","category":"OBJECT_NOT_FOUND"}""";
        var hubSpot = new ScriptedHubSpot().Then(HttpStatusCode.NotFound, notFound).Then(HttpStatusCode.NotFound, notFound);
        await using var process = await StartAsync(hubSpot);

        Assert.Null(await process.Client.GetExamAsync("404", HubSpotLane.Sync, Ct));
        var missing = await Assert.ThrowsAsync<HubSpotNotFoundException>(
            () => process.Client.UpdateExamAsync("404", new ExamChanges(IsActive: false), HubSpotLane.UserWrite, Ct));

        Assert.Equal(("mock exam", "404"), (missing.ObjectType, missing.Id));
    }

    [Fact]
    public async Task LegacyApiVersion_UsesTheV3Paths()
    {
        var hubSpot = new ScriptedHubSpot().Then(HttpStatusCode.OK, HubSpotJson.Exam("501"));
        await using var process = await StartAsync(hubSpot, new() { ["ApiVersion"] = "v3" });

        await process.Client.GetExamAsync("501", HubSpotLane.Sync, Ct);

        Assert.StartsWith("/crm/v3/objects/2-41000001/501?properties=", Assert.Single(hubSpot.Requests).Path, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CallsPerTenSeconds", "5")]
    [InlineData("ApiVersion", "2026-10")]
    [InlineData("BaseUrl", "not a url")]
    [InlineData("Headroom", "1.5")]
    [InlineData("DailyResetTimeZone", "Mars/Olympus")]
    public async Task Start_BadSetting_FailsNamingIt(string setting, string value)
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(
            () => HubSpotTestProcess.StartAsync(HubSpotRedis.UniquePrefix(), new Dictionary<string, string?> { [setting] = value }));

        // The host reports startup validation through its sync and async validators, sometimes as an aggregate.
        var invalid = failure is AggregateException aggregate ? aggregate.Flatten().InnerExceptions[0] : failure;
        Assert.IsType<OptionsValidationException>(invalid);
        Assert.Contains(setting, invalid.Message, StringComparison.Ordinal);
    }

    private static Task<HubSpotTestProcess> StartAsync(ScriptedHubSpot hubSpot, Dictionary<string, string?>? settings = null) =>
        HubSpotTestProcess.StartAsync(HubSpotRedis.UniquePrefix(), settings ?? [], () => hubSpot);

    private static NewBooking NewBooking(string bookingId) =>
        new(bookingId, "501", "9001", "S-1", "Jean Roy", "jean@example.ca", "Active", true, "Toronto", new DateOnly(2026, 12, 1), "right");

    private static JsonElement Json(RecordedRequest request) => JsonDocument.Parse(request.Body).RootElement;

    private static IEnumerable<string?> TraceIds(RecordedRequest request) =>
        Json(request).GetProperty("inputs").EnumerateArray().Select(i => i.GetProperty("objectWriteTraceId").GetString());
}
