namespace MockExams.Api.Events;

public static class ExamEventsRegistration
{
    /// <summary>The realtime exam feed (one Redis subscription per process), its stream cap and settings.</summary>
    public static IHostApplicationBuilder AddExamEvents(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ExamEventsOptions>()
            .BindConfiguration(ExamEventsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<InvalidationChannelOptions>().BindConfiguration(InvalidationChannelOptions.SectionName);
        builder.Services.AddSingleton<ExamEventConnections>();
        builder.Services.AddSingleton<ExamChangeFeed>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ExamChangeFeed>());
        return builder;
    }
}
