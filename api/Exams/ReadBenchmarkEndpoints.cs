using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using MockExams.Api.Auth;

namespace MockExams.Api.Exams;

/// <summary>
/// The baseline of <c>mockexams readbench</c>: an endpoint in this same process, behind the same authentication and
/// permission as the reads, that answers bytes already in memory, with no grain call. The benchmark PUTs the exact
/// body of a cached read here, then compares the two. Mapped only when <see cref="ReadBenchmarkOptions.BenchmarkEndpoints"/>
/// is on; otherwise the routes do not exist (404).
/// </summary>
public static class ReadBenchmarkEndpoints
{
    private const long MaxBodyBytes = 16 * 1024 * 1024;

    public static IEndpointRouteBuilder MapReadBenchmark(this IEndpointRouteBuilder app)
    {
        if (!app.ServiceProvider.GetRequiredService<IOptions<ReadBenchmarkOptions>>().Value.BenchmarkEndpoints)
        {
            return app;
        }

        var group = app.MapGroup("/__bench").RequireAuthorization(Permissions.ExamsView).ExcludeFromDescription();
        group.MapGet("/static", (StaticBenchmarkBody stored) => TypedResults.Bytes(stored.Body, "application/json"));
        group.MapPut("/static", PutAsync);
        return app;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> PutAsync(
        HttpRequest request, StaticBenchmarkBody stored, CancellationToken cancellationToken)
    {
        if (request.ContentLength is null or > MaxBodyBytes)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Send the body with a Content-Length",
                detail: $"At most {MaxBodyBytes} bytes.");
        }

        var body = new byte[request.ContentLength.Value];
        await request.Body.ReadExactlyAsync(body, cancellationToken);
        stored.Body = body;
        return TypedResults.NoContent();
    }
}
