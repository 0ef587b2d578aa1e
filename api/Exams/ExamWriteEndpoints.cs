using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using MockExams.Api.Auth;
using MockExams.Api.Bookings;
using MockExams.Api.Input;
using MockExams.Api.Problems;
using MockExams.Exams;

namespace MockExams.Api.Exams;

/// <summary>Exam writes (<c>exams.edit</c>), each through the exam's grain (creation through the creator grain).</summary>
public static class ExamWriteEndpoints
{
    public static RouteGroupBuilder MapMockExamWrites(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/mock-exams").WithTags("Mock exams").RequireAuthorization(Permissions.ExamsEdit);
        group.MapPost("/", CreateAsync).WithName("CreateMockExam").Produces<ExamWriteEnvelope>(StatusCodes.Status201Created);
        group.MapPatch("/{id}", UpdateAsync).WithName("UpdateMockExam").Produces<ExamWriteEnvelope>();
        group.MapDelete("/{id}", (string id, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
            Answer(http, grains.GetGrain<IMockExamGrain>(id).ArchiveAsync(ct))).WithName("ArchiveMockExam").Produces<ExamWriteEnvelope>();
        group.MapPost("/{id}/activate", (string id, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
            Answer(http, grains.GetGrain<IMockExamGrain>(id).SetActiveAsync(true, ct))).WithName("ActivateMockExam").Produces<ExamWriteEnvelope>();
        group.MapPost("/{id}/deactivate", (string id, HttpContext http, IGrainFactory grains, CancellationToken ct) =>
            Answer(http, grains.GetGrain<IMockExamGrain>(id).SetActiveAsync(false, ct))).WithName("DeactivateMockExam").Produces<ExamWriteEnvelope>();
        group.MapPost("/batch-activate", BatchActivateAsync).WithName("BatchActivateMockExams").Produces<BatchActivateEnvelope>();
        return group;
    }

    /// <summary>Optional <c>Idempotency-Key</c>: a repeat gets the first answer, and never makes a second exam.</summary>
    private static async Task<Results<JsonHttpResult<ExamWriteEnvelope>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateExamRequest body, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, HttpContext http,
        IGrainFactory grains, IdempotencyClaims claims, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        body.Validate(errors);
        BookingEndpoints.CheckIdempotencyKey(idempotencyKey, errors);
        if (errors.Any)
        {
            return errors.ToProblem(InputErrors.InvalidBody);
        }

        var (key, hash) = idempotencyKey is null ? (null, null) : (IdempotencyClaims.Scope(http.User, "create-exam", idempotencyKey), RequestHash.Of(body));
        if (key is not null && !await claims.TryClaimAsync(key, hash!, cancellationToken))
        {
            return Problem(http, new ExamWriteOutcome(null, WriteRejection.IdempotencyKeyReused, null, "This Idempotency-Key is in use with a different request."));
        }

        var request = body.ToGrainRequest(key, hash);
        var outcome = await grains.GetGrain<IExamCreatorGrain>(0).CreateAsync(request, cancellationToken);
        if (outcome.Exam is { } exam)
        {
            http.Response.Headers.Location = $"/api/mock-exams/{exam.HubSpotId}";
            return TypedResults.Json(new ExamWriteEnvelope(true, ExamRow.From(exam)), WriteJson.Options, statusCode: StatusCodes.Status201Created);
        }

        return Problem(http, outcome);
    }

    private static async Task<Results<JsonHttpResult<ExamWriteEnvelope>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string id, UpdateExamRequest body, HttpContext http, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        body.Validate(errors);
        if (errors.Any)
        {
            return errors.ToProblem(InputErrors.InvalidBody);
        }

        var outcome = await grains.GetGrain<IMockExamGrain>(id).UpdateAsync(body.ToGrainUpdate(), cancellationToken);
        return outcome.Rejection is null && outcome.RetryAfter is null
            ? TypedResults.Json(new ExamWriteEnvelope(true, outcome.Exam is { } exam ? ExamRow.From(exam) : null), WriteJson.Options)
            : Problem(http, outcome);
    }

    private static async Task<Results<JsonHttpResult<BatchActivateEnvelope>, ValidationProblem>> BatchActivateAsync(
        BatchActivateRequest body, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        body.Validate(errors);
        if (errors.Any)
        {
            return errors.ToProblem(InputErrors.InvalidBody);
        }

        var ids = body.ExamIds!.Select(id => id!.Trim()).ToList();
        var outcomes = await Task.WhenAll(ids.Select(id =>
            grains.GetGrain<IMockExamGrain>(id).SetActiveAsync(body.IsActive ?? true, cancellationToken)));
        var results = ids.Zip(outcomes, (id, o) => o switch
        {
            { Rejection: { } rejection } => new BatchActivateResult(id, "rejected", rejection.Code(), o.Detail, null),
            { RetryAfter: not null } => new BatchActivateResult(id, "retry_later", "retry_later", o.Detail, null),
            _ => new BatchActivateResult(id, "changed", null, null, o.Exam is { } exam ? ExamRow.From(exam) : null),
        }).ToList();
        return TypedResults.Json(new BatchActivateEnvelope(true, results.Count(r => r.Status == "changed"), results), WriteJson.Options);
    }

    private static async Task<Results<JsonHttpResult<ExamWriteEnvelope>, ProblemHttpResult>> Answer(
        HttpContext http, Task<ExamWriteOutcome> write)
    {
        var outcome = await write;
        return outcome.Rejection is null && outcome.RetryAfter is null
            ? TypedResults.Json(new ExamWriteEnvelope(true, outcome.Exam is { } exam ? ExamRow.From(exam) : null), WriteJson.Options)
            : Problem(http, outcome);
    }

    private static ProblemHttpResult Problem(HttpContext http, ExamWriteOutcome outcome) => outcome.Rejection is { } rejection
        ? WriteProblems.Rejected(rejection, outcome.Detail)
        : RetryLater.Result(http, outcome.RetryAfter ?? TimeSpan.FromSeconds(1), "Try again shortly", outcome.Detail);
}
