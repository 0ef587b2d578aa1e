using Microsoft.AspNetCore.Http.HttpResults;
using MockExams.Api.Auth;
using MockExams.Api.Exams;
using MockExams.Exams;

namespace MockExams.Api.Bookings;

/// <summary>
/// <c>GET /api/bookings/{id}</c>, the resource a booking's <c>Location</c> names. Served like the exam's bookings
/// list and from the same copy (the exam grain's cache, else the replica; never HubSpot): the replica says which
/// exam the booking belongs to, the exam grain confirms its bookings body current, and the row is cut from it.
/// </summary>
public static class BookingReadEndpoints
{
    public static RouteGroupBuilder MapBookingReads(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/bookings").WithTags("Bookings");
        group.MapGet("/{bookingId}", GetAsync)
            .WithName("GetBooking")
            .RequireAuthorization(Permissions.ExamsView)
            .Produces<BookingEnvelope>(contentType: "application/json");
        return group;
    }

    private static async Task<Results<ConditionalRead, ProblemHttpResult>> GetAsync(
        string bookingId, BookingLocator locator, ExamGrains grains, ExamResponseCopies copies, CancellationToken cancellationToken)
    {
        var exams = await locator.FindExamsAsync([bookingId], cancellationToken);
        if (exams.TryGetValue(bookingId, out var examId)
            && await copies.ReadAsync(ExamReadEndpoints.BookingsKey(examId, BookingStatusFilter.All),
                held => grains.Exam(examId).GetBookingsAsync(BookingStatusFilter.All, held), cancellationToken) is { } body
            && body.Bookings.One(bookingId) is { } row)
        {
            return new ConditionalRead(body.ETag($"-b-{bookingId}"), row);
        }

        return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Booking not found",
            detail: $"No booking '{bookingId}' exists in the replica.");
    }
}
