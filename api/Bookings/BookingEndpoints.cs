using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using MockExams.Api.Auth;
using MockExams.Api.Cluster;
using MockExams.Api.Problems;
using MockExams.Exams;

namespace MockExams.Api.Bookings;

public static class BookingEndpoints
{
    /// <summary>The longest Idempotency-Key accepted (bookings and exam creation).</summary>
    internal const int MaxIdempotencyKeyLength = 255;

    public static RouteGroupBuilder MapBookings(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/bookings").WithTags("Bookings").RequireAuthorization(Permissions.BookingsManage);
        group.MapPost("/", CreateAsync).WithName("CreateBooking");
        group.MapPost("/{bookingId}/cancel", CancelAsync).WithName("CancelBooking");
        group.MapPost("/batch-cancel", BatchCancelAsync).WithName("BatchCancelBookings");
        return group;
    }

    private static async Task<Results<JsonHttpResult<BookingEnvelope>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateBookingRequest body, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, HttpContext http,
        IGrainFactory grains, CancellationToken cancellationToken)
    {
        var errors = body.Validate();
        if (idempotencyKey is { Length: 0 or > MaxIdempotencyKeyLength })
        {
            errors["Idempotency-Key"] = [$"Between 1 and {MaxIdempotencyKeyLength} characters."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var request = body.ToGrainRequest(idempotencyKey, idempotencyKey is null ? null : RequestHash.Of(body));
        var exam = grains.GetGrain<IMockExamGrain>(body.MockExamId!.Trim());
        // Only a booking with the client's Idempotency-Key is retried across a silo's death: its repeat gets the first
        // answer. Without one, a repeat of a booking the dead silo did make would be refused as already booked.
        var outcome = idempotencyKey is null
            ? await exam.BookAsync(request, cancellationToken)
            : await FailoverRetry.RunAsync(() => exam.BookAsync(request, cancellationToken), cancellationToken);
        return outcome switch
        {
            { Booking: { } booking } => Created(http, booking),
            { Rejection: { } rejection } => WriteProblems.Rejected(rejection, outcome.Detail),
            _ => WriteProblems.RetryLater(http, outcome.RetryAfter ?? TimeSpan.FromSeconds(1), outcome.Detail),
        };
    }

    private static async Task<Results<JsonHttpResult<BookingEnvelope>, ProblemHttpResult>> CancelAsync(
        string bookingId, HttpContext http, IGrainFactory grains, BookingLocator locator, CancellationToken cancellationToken)
    {
        var exams = await locator.FindExamsAsync([bookingId], cancellationToken);
        if (!exams.TryGetValue(bookingId, out var examId))
        {
            return WriteProblems.Rejected(WriteRejection.BookingNotFound, $"No booking '{bookingId}' exists in the replica.");
        }

        var outcome = await grains.GetGrain<IMockExamGrain>(examId).CancelBookingAsync(bookingId, cancellationToken);
        return outcome switch
        {
            { Booking: { } booking } => TypedResults.Json(new BookingEnvelope(true, BookingRow.From(booking)), WriteJson.Options),
            { Rejection: { } rejection } => WriteProblems.Rejected(rejection, outcome.Detail),
            _ => WriteProblems.RetryLater(http, outcome.RetryAfter ?? TimeSpan.FromSeconds(1), outcome.Detail),
        };
    }

    /// <summary>Up to 500 bookings across exams: one grain call per exam, each one HubSpot batch per 100; results per booking.</summary>
    private static async Task<Results<JsonHttpResult<BatchCancelEnvelope>, ValidationProblem>> BatchCancelAsync(
        BatchCancelRequest body, IGrainFactory grains, BookingLocator locator, CancellationToken cancellationToken)
    {
        var errors = body.Validate();
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var ids = body.BookingIds!.Select(id => id!.Trim()).ToList();
        var exams = await locator.FindExamsAsync(ids, cancellationToken);
        var perExam = await Task.WhenAll(ids.Where(exams.ContainsKey).GroupBy(id => exams[id])
            .Select(g => grains.GetGrain<IMockExamGrain>(g.Key).CancelBookingsAsync([.. g], cancellationToken)));
        var outcomes = perExam.SelectMany(o => o).ToDictionary(o => o.BookingId, StringComparer.Ordinal);
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

    private static JsonHttpResult<BookingEnvelope> Created(HttpContext http, BookingRecord booking)
    {
        http.Response.Headers.Location = $"/api/bookings/{booking.BookingId}";
        return TypedResults.Json(new BookingEnvelope(true, BookingRow.From(booking)), WriteJson.Options, statusCode: StatusCodes.Status201Created);
    }
}
