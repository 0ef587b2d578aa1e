using Microsoft.AspNetCore.Http.HttpResults;
using MockExams.Api.Auth;
using MockExams.Exams;

namespace MockExams.Api.Exams;

public static class ExamEndpoints
{
    public static RouteGroupBuilder MapMockExams(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/mock-exams").WithTags("Mock exams");
        group.MapGet("/{id}", GetAsync)
            .WithName("GetMockExam")
            .RequireAuthorization(Permissions.ExamsView)
            .Produces<ExamEnvelope>(contentType: "application/json");
        return group;
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetAsync(
        string id, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var body = await grains.GetGrain<IMockExamGrain>(id).GetExamAsync(cancellationToken);
        return body is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Mock exam not found",
                detail: $"No mock exam with id '{id}' exists in the replica.")
            : TypedResults.File(body.Utf8, "application/json");
    }
}
