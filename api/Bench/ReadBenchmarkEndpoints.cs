using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using MockExams.Api.Auth;

namespace MockExams.Api.Bench;

/// <summary>
/// The baseline of <c>mockexams readbench</c>: an endpoint in this same process, behind the same authentication and
/// permission as the reads (<c>exams.view</c>), that answers bytes already in memory, with no grain call. The
/// benchmark PUTs the exact body of a cached read here (<c>exams.edit</c>: it replaces what every caller of the GET
/// gets, up to 16 MB), then compares the two. Mapped only when <see cref="ReadBenchmarkOptions.BenchmarkEndpoints"/>
/// is on; otherwise the routes do not exist (404). Not part of the product: benchmarks only.
/// </summary>
public static class ReadBenchmarkEndpoints
{
    private const long MaxBodyBytes = 16 * 1024 * 1024;

    /// <summary>The benchmark mode's options and the static body; the routes need <see cref="MapReadBenchmark"/>.</summary>
    public static IHostApplicationBuilder AddReadBenchmark(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReadBenchmarkOptions>().BindConfiguration(ReadBenchmarkOptions.SectionName);
        builder.Services.AddSingleton<StaticBenchmarkBody>();
        return builder;
    }

    public static IEndpointRouteBuilder MapReadBenchmark(this IEndpointRouteBuilder app)
    {
        if (!app.ServiceProvider.GetRequiredService<IOptions<ReadBenchmarkOptions>>().Value.BenchmarkEndpoints)
        {
            return app;
        }

        var group = app.MapGroup("/__bench").ExcludeFromDescription();
        group.MapGet("/static", (StaticBenchmarkBody stored) => TypedResults.Bytes(stored.Body, "application/json"))
            .RequireAuthorization(Permissions.ExamsView);
        group.MapPut("/static", PutAsync).RequireAuthorization(Permissions.ExamsEdit);
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
