using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using MockExams.Grains.Replica;

namespace MockExams.Grains.Exams;

public static class ExamGrainServices
{
    /// <summary>
    /// The adapters the exam grains use, beyond the shared Redis, Postgres and HubSpot registrations: replica reads and
    /// writes, idempotency records, the silo's batcher of exam totals, and the write options (section "ExamWrites",
    /// validated at start).
    /// </summary>
    public static IHostApplicationBuilder AddExamGrains(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ExamWriteOptions>()
            .BindConfiguration(ExamWriteOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ReplicaMetrics>();
        builder.Services.AddSingleton<ReplicaJson>();
        builder.Services.AddSingleton<ExamReader>();
        builder.Services.AddSingleton<CatalogReader>();
        builder.Services.AddSingleton<ReplicaWriter>();
        builder.Services.AddSingleton<AdmissionReader>();
        builder.Services.AddSingleton<IdempotencyStore>();
        builder.Services.AddSingleton<ExamTotalsBatcher>();
        builder.Services.AddSingleton<HubSpotBatchWriter>();
        return builder;
    }
}
