using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using MockExams.Api.Auth;
using MockExams.Api.Exams;
using MockExams.Api.Input;
using MockExams.Exams;

namespace MockExams.Api.Bookings;

/// <summary>
/// <c>GET /api/bookings/{id}</c> (the resource a booking's <c>Location</c> names) and <c>GET /api/bookings</c> (one
/// student's bookings). Served like an exam's bookings list and from the same copies (the exam grain's cache, else
/// the replica; never HubSpot): the replica says which exams hold the bookings, each exam grain confirms its bookings
/// body current, and the rows are cut from it. A student sees only rows of its own contact.
/// </summary>
public static class BookingReadEndpoints
{
    public static RouteGroupBuilder MapBookingReads(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/bookings").WithTags("Bookings").RequireAuthorization(Students.ViewOrStudent);
        group.MapGet("/{bookingId}", GetAsync)
            .WithName("GetBooking")
            .Produces<BookingEnvelope>(contentType: "application/json");
        group.MapGet("/", ListAsync)
            .WithName("ListBookings")
            .Produces<BookingListEnvelope>(contentType: "application/json");
        return group;
    }

    private static async Task<Results<ConditionalRead, ProblemHttpResult>> GetAsync(
        string bookingId, ClaimsPrincipal user, BookingLocator locator, ExamGrains grains, ExamResponseCopies copies,
        CancellationToken cancellationToken)
    {
        var scope = Students.ScopeOf(user, Permissions.ExamsView);
        var found = await locator.FindAsync([bookingId], scope, cancellationToken);
        if (found.TryGetValue(bookingId, out var location)
            && await ReadBookingsAsync(location.ExamId, grains, copies, cancellationToken) is { } body
            && body.Bookings.One(bookingId, scope) is { } row)
        {
            return new ConditionalRead(body.ETag($"-b-{bookingId}"), row);
        }

        return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Booking not found",
            detail: $"No booking '{bookingId}' exists in the replica.");
    }

    /// <summary>
    /// A student's bookings (its own contact), or, for staff with <c>exams.view</c>, those of <c>contact_id</c>;
    /// every exam, cancelled ones included, by exam id then oldest first. Not paged: one student holds few.
    /// </summary>
    private static async Task<Results<ConditionalRead, ValidationProblem>> ListAsync(
        [FromQuery(Name = "contact_id")] string? contactId, ClaimsPrincipal user, BookingLocator locator, ExamGrains grains,
        ExamResponseCopies copies, CancellationToken cancellationToken)
    {
        var scope = Students.ScopeOf(user, Permissions.ExamsView);
        var contact = scope ?? contactId?.Trim();
        if (string.IsNullOrEmpty(contact) || (scope is not null && contactId is { Length: > 0 } && contactId.Trim() != scope))
        {
            var errors = new InputErrors();
            errors.Add("contact_id", scope is null ? "Required: whose bookings to list." : "A student lists only its own bookings; leave it out.");
            return errors.ToProblem(InputErrors.InvalidQuery);
        }

        var examIds = await locator.ExamsOfContactAsync(contact, cancellationToken);
        var bodies = await Task.WhenAll(examIds.Select(examId => ReadBookingsAsync(examId, grains, copies, cancellationToken)));
        using var tags = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new List<byte>("{\"success\":true,\"bookings\":["u8.ToArray());
        var first = true;
        foreach (var body in bodies.OfType<ConfirmedBody>())
        {
            tags.AppendData(Encoding.UTF8.GetBytes(body.ETag("")));
            foreach (var row in body.Bookings.RowsOf(contact))
            {
                if (!first)
                {
                    buffer.Add((byte)',');
                }

                buffer.AddRange(row.Span);
                first = false;
            }
        }

        buffer.AddRange("]}"u8);
        tags.AppendData(Encoding.UTF8.GetBytes(contact));
        return new ConditionalRead($"\"s{Convert.ToHexStringLower(tags.GetHashAndReset().AsSpan(0, 16))}\"", buffer.ToArray());
    }

    private static Task<ConfirmedBody?> ReadBookingsAsync(string examId, ExamGrains grains, ExamResponseCopies copies, CancellationToken cancellationToken) =>
        copies.ReadAsync(ExamReadEndpoints.BookingsKey(examId, BookingStatusFilter.All),
            held => grains.Exam(examId).GetBookingsAsync(BookingStatusFilter.All, held), cancellationToken);
}
