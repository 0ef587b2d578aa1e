namespace MockExams.Api.Exams;

public static class ExamReadRegistration
{
    /// <summary>
    /// What the read endpoints need beyond the cluster client: 503 with Retry-After when the replica is down on a
    /// miss, the api's copies of exam responses and exam grain references.
    /// </summary>
    public static IHostApplicationBuilder AddExamReads(this IHostApplicationBuilder builder)
    {
        builder.Services.AddExceptionHandler<ReplicaUnavailableHandler>();
        builder.Services.AddOptions<ResponseCopyOptions>()
            .BindConfiguration(ResponseCopyOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<ExamResponseCopies>();
        builder.Services.AddSingleton<ExamGrains>();
        return builder;
    }
}
