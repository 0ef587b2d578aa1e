using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using MockExams.Api.Auth;
using MockExams.Catalog;
using MockExams.Exams;

namespace MockExams.Api.Exams;

/// <summary>
/// The read endpoints (permission <c>exams.view</c>). Each answers the exact bytes a grain returns (cached in Redis
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
            .RequireAuthorization(Permissions.ExamsView)
            .Produces<ExamListEnvelope>(contentType: "application/json");
        group.MapGet("/aggregates", AggregatesAsync)
            .WithName("GetMockExamAggregates")
            .RequireAuthorization(Permissions.ExamsView)
            .Produces<AggregatesEnvelope>(contentType: "application/json");
        group.MapGet("/{id}", GetAsync)
            .WithName("GetMockExam")
            .RequireAuthorization(Permissions.ExamsView)
            .Produces<ExamEnvelope>(contentType: "application/json");
        group.MapGet("/{id}/bookings", BookingsAsync)
            .WithName("GetMockExamBookings")
            .RequireAuthorization(Permissions.ExamsView)
            .Produces<BookingsEnvelope>(contentType: "application/json");
        return group;
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem>> ListAsync(
        [AsParameters] ExamFilterParameters filter, [AsParameters] ExamPageParameters paging,
        IGrainFactory grains, CancellationToken cancellationToken)
    {
        var errors = new ParameterErrors();
        var parsedFilter = filter.Parse(errors);
        var (page, pageSize) = paging.Parse(errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var body = await grains.GetGrain<IExamCatalogGrain>(0)
            .ListExamsAsync(new ExamListQuery(parsedFilter, page, pageSize), cancellationToken);
        return Json(body);
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem>> AggregatesAsync(
        [AsParameters] ExamFilterParameters filter, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var errors = new ParameterErrors();
        var parsedFilter = filter.Parse(errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        return Json(await grains.GetGrain<IExamCatalogGrain>(0).GetAggregatesAsync(parsedFilter, cancellationToken));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetAsync(
        string id, ExamGrains grains, ExamResponseCopies copies, CancellationToken cancellationToken)
    {
        // The grain reference is made only by the reader whose call is sent; readers sharing it need none.
        var body = await copies.ReadAsync($"exam:{id}", held => grains.Exam(id).GetExamAsync(held), cancellationToken);
        return body is null ? ExamNotFound(id) : Json(body);
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> BookingsAsync(
        string id, [FromQuery(Name = BookingStatusParameter.Name)] string? status,
        ExamGrains grains, ExamResponseCopies copies, CancellationToken cancellationToken)
    {
        var errors = new ParameterErrors();
        var parsedStatus = BookingStatusParameter.Parse(status, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var body = await copies.ReadAsync(
            $"bookings:{(int)parsedStatus}:{id}", held => grains.Exam(id).GetBookingsAsync(parsedStatus, held), cancellationToken);
        return body is null ? ExamNotFound(id) : Json(body);
    }

    private static FileContentHttpResult Json(JsonBody body) => TypedResults.Bytes(body.Utf8, "application/json");

    private static ProblemHttpResult ExamNotFound(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Mock exam not found",
            detail: $"No mock exam with id '{id}' exists in the replica.");
}
