using System.Net.ServerSentEvents;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using MockExams.Api.Auth;
using MockExams.Api.Exams;
using MockExams.Api.Input;
using MockExams.Api.Problems;
using MockExams.Catalog;

namespace MockExams.Api.Events;

/// <summary>
/// Realtime exams over Server-Sent Events (permission <c>exams.view</c>): on connect the current state (or what
/// changed after <c>Last-Event-ID</c>), then an <c>exam</c> event within moments of every change to a watched exam,
/// whatever made it. Events carry exam fields and seat counts only (<see cref="ExamSeats"/>), never a booking.
/// </summary>
public static class ExamEventEndpoints
{
    public static RouteGroupBuilder MapExamEvents(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/mock-exams").WithTags("Mock exam events");
        group.MapGet("/events", AllAsync)
            .WithName("StreamMockExamEvents")
            .RequireAuthorization(Permissions.ExamsView)
            .Produces<ExamSeats>(contentType: "text/event-stream");
        group.MapGet("/{id}/events", OneAsync)
            .WithName("StreamMockExamEventsOfOne")
            .RequireAuthorization(Permissions.ExamsView)
            .Produces<ExamSeats>(contentType: "text/event-stream");
        return group;
    }

    /// <summary>Every exam the list would show under the same filters (<c>is_active</c>, <c>startDate</c>, <c>endDate</c>, <c>mock_type</c>, <c>location</c>).</summary>
    private static async Task<Results<ServerSentEventsResult<string>, ValidationProblem, ProblemHttpResult>> AllAsync(
        [AsParameters] ExamFilterParameters filter, HttpContext context, ExamChangeFeed feed, ExamEventConnections connections,
        IOptions<ExamEventsOptions> options, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var parsedFilter = filter.Parse(errors);
        if (errors.Any)
        {
            return errors.ToProblem(InputErrors.InvalidQuery);
        }

        return await OpenAsync(context, feed, connections, options.Value, null, parsedFilter,
            feed.ReadExamsAsync, cancellationToken);
    }

    private static async Task<Results<ServerSentEventsResult<string>, ValidationProblem, ProblemHttpResult>> OneAsync(
        string id, HttpContext context, ExamChangeFeed feed, ExamEventConnections connections,
        IOptions<ExamEventsOptions> options, CancellationToken cancellationToken) =>
        await OpenAsync(context, feed, connections, options.Value, id, ExamFilter.Any,
            async (_, token) => [await feed.ReadExamAsync(id, token)], cancellationToken);

    private static async Task<Results<ServerSentEventsResult<string>, ValidationProblem, ProblemHttpResult>> OpenAsync(
        HttpContext context, ExamChangeFeed feed, ExamEventConnections connections, ExamEventsOptions options,
        string? examId, ExamFilter filter, Func<ExamFilter, CancellationToken, Task<IReadOnlyList<ExamChange>>> snapshot,
        CancellationToken cancellationToken)
    {
        if (!feed.Hearing)
        {
            return RetryLater.Result(context, TimeSpan.FromSeconds(options.RetryAfterSeconds), "Realtime events are unavailable",
                "This api is not hearing exam changes (Redis is unreachable); try again shortly.");
        }

        if (connections.TryOpen() is not { } lease)
        {
            return RetryLater.Result(context, TimeSpan.FromSeconds(options.RetryAfterSeconds), "Too many event streams",
                $"This api serves at most {options.MaxConnections} event streams at once; try again shortly or another instance.");
        }

        context.Response.RegisterForDispose(lease);
        var (subscription, mark) = feed.Subscribe(examId, filter);
        context.Response.RegisterForDispose(subscription);
        var epoch = feed.Epoch;
        var resumed = feed.ChangesSince(ExamEventId.Parse(context.Request.Headers["Last-Event-ID"]), subscription);
        var initial = resumed ?? await snapshot(filter, cancellationToken);
        if (examId is not null && resumed is null && initial is [{ Seats: null }])
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Mock exam not found",
                detail: $"No mock exam with id '{examId}' exists in the replica.");
        }

        var stream = new ExamEventStream(subscription, epoch, mark, initial, resumed is not null, options);
        return TypedResults.ServerSentEvents(stream.WriteAsync(cancellationToken));
    }
}
