using Microsoft.Extensions.DependencyInjection;
using MockExams.Exams;
using MockExams.Grains.Cache;
using MockExams.Tests.Fixtures;

namespace MockExams.Tests.Reads.Fixtures;

/// <summary>
/// The cache step of the write path, without HubSpot: after a test changed the replica row (the commit), the exam
/// grain's write path calls <see cref="ExamCache.InvalidateExamAsync"/> on the grain's own silo. Tests do the same.
/// </summary>
internal static class SimulatedWrites
{
    public static async Task InvalidateLikeTheWritePathAsync(this ClusterFixture fixture, string examId)
    {
        var management = fixture.Grains.GetGrain<IManagementGrain>(0);
        var address = await management.GetActivationAddress(fixture.Grains.GetGrain<IMockExamGrain>(examId));
        var silo = fixture.Silos.FirstOrDefault(silo =>
            silo.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.Equals(address)) ?? fixture.Silos[0];
        await silo.Services.GetRequiredService<ExamCache>().InvalidateExamAsync(examId);
    }
}
