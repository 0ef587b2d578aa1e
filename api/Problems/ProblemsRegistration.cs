namespace MockExams.Api.Problems;

public static class ProblemsRegistration
{
    /// <summary>RFC 9457 problem details for every error, with the request's trace id for support.</summary>
    public static IHostApplicationBuilder AddMockExamsProblems(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions.TryAdd("traceId", context.HttpContext.TraceIdentifier));
        // After the framework's writer: answers the clients whose Accept it declines (ProblemJsonWriter.cs).
        builder.Services.AddSingleton<IProblemDetailsWriter, ProblemJsonWriter>();
        builder.Services.AddExceptionHandler<RequestBodyFailureHandler>();   // a body cut short or too slow: 400/408
        builder.Services.AddExceptionHandler<ClusterUnavailableHandler>();
        builder.Services.AddExceptionHandler<WriteTimeoutHandler>();
        builder.Services.AddExceptionHandler<DependencyFailureHandler>();
        return builder;
    }
}
