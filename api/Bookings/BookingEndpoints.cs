using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using MockExams.Api.Auth;
using MockExams.Api.Cluster;
using MockExams.Api.Input;
using MockExams.Api.Problems;
using MockExams.Exams;

namespace MockExams.Api.Bookings;

public static class BookingEndpoints
{
    /// <summary>The longest Idempotency-Key accepted (bookings and exam creation).</summary>
    internal const int MaxIdempotencyKeyLength = 255;

    /// <summary>The optional <c>Idempotency-Key</c> of a create: when sent, 1 to 255 characters.</summary>
    internal static void CheckIdempotencyKey(string? idempotencyKey, InputErrors errors)
    {
        if (idempotencyKey is { Length: 0 or > MaxIdempotencyKeyLength })
        {
            errors.Add("Idempotency-Key", $"Between 1 and {MaxIdempotencyKeyLength} characters.");
        }
    }

    public static RouteGroupBuilder MapBookings(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/bookings").WithTags("Bookings").RequireAuthorization(Students.BookingsManageOrStudent);
        group.MapPost("/", CreateAsync).WithName("CreateBooking").Produces<BookingEnvelope>(StatusCodes.Status201Created);
        group.MapPost("/{bookingId}/cancel", CancelAsync).WithName("CancelBooking").Produces<BookingEnvelope>();
        group.MapPost("/batch-cancel", BatchCancelAsync).WithName("BatchCancelBookings").Produces<BatchCancelEnvelope>();
        return group;
    }

    private static async Task<Results<JsonHttpResult<BookingEnvelope>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateBookingRequest body, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, HttpContext http,
        IGrainFactory grains, IdempotencyClaims claims, GrainCallRetry retry, CancellationToken cancellationToken)
    {
        // A student books for itself only: its contact fills a missing contact_id, and another one is refused.
        if (Students.ScopeOf(http.User, Permissions.BookingsManage) is { } student)
        {
            if (!string.IsNullOrWhiteSpace(body.ContactId) && body.ContactId.Trim() != student)
            {
                return StudentForbidden("A student books only for itself: contact_id must be its own, or left out.");
            }

            body = body with { ContactId = student };
        }

        var errors = new InputErrors();
        body.Validate(errors);
        CheckIdempotencyKey(idempotencyKey, errors);
        if (errors.Any)
        {
            return errors.ToProblem(InputErrors.InvalidBody);
        }

        // Every booking carries a key, so the api can send it again across a lost answer or a silo's death without ever
        // booking twice (GrainCallRetry). Without the client's key the api makes one for this request alone: unique,
        // so it needs no claim, and scoped apart from any key a client could send ("book-once:" against "book:").
        var keyMadeByApi = idempotencyKey is null;
        var key = keyMadeByApi
            ? IdempotencyClaims.Scope(http.User, "book-once", Guid.CreateVersion7().ToString("N"))
            : IdempotencyClaims.Scope(http.User, "book", idempotencyKey!);
        var hash = RequestHash.Of(body);
        if (!keyMadeByApi && !await claims.TryClaimAsync(key, hash, cancellationToken))
        {
            return WriteProblems.Rejected(WriteRejection.IdempotencyKeyReused, "This Idempotency-Key is in use with a different request.");
        }

        var request = body.ToGrainRequest(key, hash) with { KeyMadeByApi = keyMadeByApi };
        var exam = grains.GetGrain<IMockExamGrain>(body.MockExamId!.Trim());
        BookingOutcome outcome;
        try
        {
            // With the client's key a 503 is safe (its repeat gets the first answer); with the api's, only the grain's
            // own answer is given, since the client cannot repeat the request without booking twice.
            outcome = await retry.RunAsync(ct => exam.BookAsync(request, ct), clientMayRepeat: !keyMadeByApi, cancellationToken);
        }
        catch (GrainCallUnansweredException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status504GatewayTimeout, title: "The booking's outcome is unknown",
                detail: ex.Message + " List the student's bookings before booking again, or send an Idempotency-Key to make a booking safe to repeat.",
                extensions: new Dictionary<string, object?> { ["reason"] = "outcome_unknown" });
        }

        return outcome switch
        {
            { Booking: { } booking } => Created(http, booking),
            { Rejection: { } rejection } => WriteProblems.Rejected(rejection, outcome.Detail),
            _ => RetryLater.Result(http, outcome.RetryAfter ?? TimeSpan.FromSeconds(1), "Try again shortly", outcome.Detail),
        };
    }

    /// <summary>A student cancels only its own bookings; another's answers as one that does not exist.</summary>
    private static async Task<Results<JsonHttpResult<BookingEnvelope>, ProblemHttpResult>> CancelAsync(
        string bookingId, HttpContext http, IGrainFactory grains, BookingLocator locator, GrainCallRetry retry,
        CancellationToken cancellationToken)
    {
        var found = await locator.FindAsync([bookingId], Students.ScopeOf(http.User, Permissions.BookingsManage), cancellationToken);
        if (!found.TryGetValue(bookingId, out var location))
        {
            return WriteProblems.Rejected(WriteRejection.BookingNotFound, $"No booking '{bookingId}' exists in the replica.");
        }

        // A cancel sent again changes nothing more; should its first attempt have been done, the repeat answers "already
        // cancelled", which is the truth.
        var exam = grains.GetGrain<IMockExamGrain>(location.ExamId);
        var outcome = await retry.RunAsync(ct => exam.CancelBookingAsync(bookingId, ct), clientMayRepeat: true, cancellationToken);
        return outcome switch
        {
            { Booking: { } booking } => TypedResults.Json(new BookingEnvelope(true, BookingRow.From(booking)), WriteJson.Options),
            { Rejection: { } rejection } => WriteProblems.Rejected(rejection, outcome.Detail),
            _ => RetryLater.Result(http, outcome.RetryAfter ?? TimeSpan.FromSeconds(1), "Try again shortly", outcome.Detail),
        };
    }

    /// <summary>Up to 500 bookings across exams: one grain call per exam, each one HubSpot batch per 100; results per booking.</summary>
    private static async Task<Results<JsonHttpResult<BatchCancelEnvelope>, ValidationProblem>> BatchCancelAsync(
        BatchCancelRequest body, ClaimsPrincipal user, IGrainFactory grains, BookingLocator locator, GrainCallRetry retry,
        CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        body.Validate(errors);
        if (errors.Any)
        {
            return errors.ToProblem(InputErrors.InvalidBody);
        }

        var ids = body.BookingIds!.Select(id => id!.Trim()).ToList();
        var exams = (await locator.FindAsync(ids, Students.ScopeOf(user, Permissions.BookingsManage), cancellationToken))
            .ToDictionary(f => f.Key, f => f.Value.ExamId, StringComparer.Ordinal);
        var perExam = await Task.WhenAll(ids.Where(exams.ContainsKey).GroupBy(id => exams[id])
            .Select(g => retry.RunAsync(ct => grains.GetGrain<IMockExamGrain>(g.Key).CancelBookingsAsync([.. g], ct), clientMayRepeat: true,
                cancellationToken)));
        // One outcome per id asked; should a grain ever answer an id twice, the first answer stands (never a 500).
        var outcomes = perExam.SelectMany(o => o).DistinctBy(o => o.BookingId, StringComparer.Ordinal)
            .ToDictionary(o => o.BookingId, StringComparer.Ordinal);
        var results = ids.Select(id => outcomes.TryGetValue(id, out var o)
            ? o switch
            {
                { Booking: { } booking } => new BatchCancelResult(id, "cancelled", null, null, BookingRow.From(booking)),
                { Rejection: { } rejection } => new BatchCancelResult(id, "rejected", rejection.Code(), o.Detail, null),
                _ => new BatchCancelResult(id, "retry_later", "retry_later", o.Detail, null),
            }
            : new BatchCancelResult(id, "rejected", WriteRejection.BookingNotFound.Code(), "No such booking in the replica.", null)).ToList();
        return TypedResults.Json(
            new BatchCancelEnvelope(true, results.Count(r => r.Status == "cancelled"), results), WriteJson.Options);
    }

    private static ProblemHttpResult StudentForbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not this student's booking", detail: detail);

    private static JsonHttpResult<BookingEnvelope> Created(HttpContext http, BookingRecord booking)
    {
        http.Response.Headers.Location = $"/api/bookings/{booking.BookingId}";
        return TypedResults.Json(new BookingEnvelope(true, BookingRow.From(booking)), WriteJson.Options, statusCode: StatusCodes.Status201Created);
    }
}
