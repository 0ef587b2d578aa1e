using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MockExams.Grains.Replica;

namespace MockExams.Grains.Exams;

public static class ExamGrainServices
{
    /// <summary>The adapters the exam grains use, beyond the shared Redis and Postgres registrations.</summary>
    public static IHostApplicationBuilder AddExamGrains(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ReplicaMetrics>();
        builder.Services.AddSingleton<ReplicaJson>();
        builder.Services.AddSingleton<ExamReader>();
        builder.Services.AddSingleton<CatalogReader>();
        return builder;
    }
}
