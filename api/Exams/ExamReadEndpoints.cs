using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using MockExams.Api.Auth;
using MockExams.Api.Input;
using MockExams.Catalog;
using MockExams.Exams;

namespace MockExams.Api.Exams;

/// <summary>
/// The read endpoints (permission <c>exams.view</c>; a student too, for the list, aggregates and one exam: no student
/// data is in them). Each answers the exact bytes a grain returns (cached in Redis
/// as the finished response), so the api does no JSON work on them; exam and bookings bodies it already holds are
/// sent again once their grain says they are current (<see cref="ExamResponseCopies"/>). Query parameters are
/// bound as strings and checked here, so every bad value gets a 400 naming it.
/// </summary>
public static class ExamReadEndpoints
{
    public static RouteGroupBuilder MapExamReads(this RouteGroupBuilder group)
    {
        group.MapGet("/", ListAsync)
            .WithName("ListMockExams")
            .RequireAuthorization(Students.ViewOrStudent)
            .Produces<ExamListEnvelope>(contentType: "application/json");
        group.MapGet("/aggregates", AggregatesAsync)
            .WithName("GetMockExamAggregates")
            .RequireAuthorization(Students.ViewOrStudent)
            .Produces<AggregatesEnvelope>(contentType: "application/json");
        group.MapGet("/{id}", GetAsync)
            .WithName("GetMockExam")
            .RequireAuthorization(Students.ViewOrStudent)
            .Produces<ExamEnvelope>(contentType: "application/json");
        group.MapGet("/{id}/bookings", BookingsAsync)
            .WithName("GetMockExamBookings")
            .RequireAuthorization(Permissions.ExamsView)
            .Produces<BookingsEnvelope>(contentType: "application/json");
        return group;
    }

    private static async Task<Results<ConditionalRead, ValidationProblem>> ListAsync(
        [AsParameters] ExamFilterParameters filter, [AsParameters] ExamPageParameters paging,
        IGrainFactory grains, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var parsedFilter = filter.Parse(errors);
        var (page, pageSize) = paging.Parse(errors);
        if (errors.Any)
        {
            return errors.ToProblem(InputErrors.InvalidQuery);
        }

        var body = await grains.GetGrain<IExamCatalogGrain>(0)
            .ListExamsAsync(new ExamListQuery(parsedFilter, page, pageSize), cancellationToken);
        return ByContent(body);
    }

    private static async Task<Results<ConditionalRead, ValidationProblem>> AggregatesAsync(
        [AsParameters] ExamFilterParameters filter, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var parsedFilter = filter.Parse(errors);
        if (errors.Any)
        {
            return errors.ToProblem(InputErrors.InvalidQuery);
        }

        return ByContent(await grains.GetGrain<IExamCatalogGrain>(0).GetAggregatesAsync(parsedFilter, cancellationToken));
    }

    private static async Task<Results<ConditionalRead, ProblemHttpResult>> GetAsync(
        string id, ExamGrains grains, ExamResponseCopies copies, CancellationToken cancellationToken)
    {
        // The grain reference is made only by the reader whose call is sent; readers sharing it need none.
        var body = await copies.ReadAsync($"exam:{id}", held => grains.Exam(id).GetExamAsync(held), cancellationToken);
        return body is null ? ExamNotFound(id) : new ConditionalRead(body.ETag(""), body.Body.Utf8);
    }

    /// <summary>
    /// One page of the exam's bookings, cut in the api from the grain's full list (one cached body per exam and
    /// status, whatever the paging), so the cache and its read-your-writes checks are those of the whole list.
    /// </summary>
    private static async Task<Results<ConditionalRead, ValidationProblem, ProblemHttpResult>> BookingsAsync(
        string id, [FromQuery(Name = BookingStatusParameter.Name)] string? status, [AsParameters] ExamPageParameters paging,
        ExamGrains grains, ExamResponseCopies copies, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var parsedStatus = BookingStatusParameter.Parse(status, errors);
        var (page, pageSize) = paging.Parse(errors);
        if (errors.Any)
        {
            return errors.ToProblem(InputErrors.InvalidQuery);
        }

        var body = await copies.ReadAsync(BookingsKey(id, parsedStatus), held => grains.Exam(id).GetBookingsAsync(parsedStatus, held), cancellationToken);
        return body is null
            ? ExamNotFound(id)
            : new ConditionalRead(body.ETag($"-{(int)parsedStatus}-{page}-{pageSize}"), body.Bookings.Page(page, pageSize));
    }

    /// <summary>The key of an exam's bookings body among the api's copies (the booking endpoints share it).</summary>
    public static string BookingsKey(string examId, BookingStatusFilter status) => $"bookings:{(int)status}:{examId}";

    private static ConditionalRead ByContent(JsonBody body) => new($"\"h{ConfirmedBody.ContentTag(body.Utf8)}\"", body.Utf8);

    private static ProblemHttpResult ExamNotFound(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Mock exam not found",
            detail: $"No mock exam with id '{id}' exists in the replica.");
}
