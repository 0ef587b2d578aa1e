using Microsoft.Extensions.DependencyInjection;
using MockExams.Exams;
using MockExams.Grains.Cache;

namespace MockExams.Tests.Fixtures;

/// <summary>
/// The cache step of the write path, without HubSpot: after a test changed the replica row (the commit), the exam
/// grain's write path calls <see cref="ExamCache.InvalidateExamAsync"/> on the grain's own silo. Tests do the same.
/// </summary>
internal static class SimulatedWrites
{
    public static async Task InvalidateLikeTheWritePathAsync(this ClusterFixture fixture, string examId) =>
        await (await GrainSiloAsync(fixture, examId) ?? fixture.Silos[0]).Services.GetRequiredService<ExamCache>().InvalidateExamAsync(examId);

    /// <summary>Like a backfill running on a silo other than the exam grain's: only the published message reaches the grain.</summary>
    public static async Task InvalidateFromAnotherSiloAsync(this ClusterFixture fixture, string examId)
    {
        var grainSilo = await GrainSiloAsync(fixture, examId) ?? throw new InvalidOperationException($"Exam {examId} is not active.");
        await fixture.Silos.First(silo => silo != grainSilo).Services.GetRequiredService<ExamCache>().InvalidateExamAsync(examId);
    }

    private static async Task<Microsoft.Extensions.Hosting.IHost?> GrainSiloAsync(ClusterFixture fixture, string examId)
    {
        var management = fixture.Grains.GetGrain<IManagementGrain>(0);
        var address = await management.GetActivationAddress(fixture.Grains.GetGrain<IMockExamGrain>(examId));
        return fixture.Silos.FirstOrDefault(silo => silo.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.Equals(address));
    }
}
