using Microsoft.Extensions.DependencyInjection;
using MockExams.Api.Exams;
using MockExams.Exams;
using MockExams.Tests.Fixtures;

namespace MockExams.Tests.Api.Exams;

/// <summary>The api's exam grain references (interface type resolved once) address what Orleans' GetGrain does.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ExamGrainsTests(ClusterFixture fixture)
{
    [Theory]
    [InlineData("123")]
    [InlineData("readbench-50")]
    public void Exam_AnyId_SameGrainAndInterfaceAsGetGrain(string id)
    {
        var expected = (GrainReference)fixture.Grains.GetGrain<IMockExamGrain>(id);

        var actual = (GrainReference)fixture.Api.Services.GetRequiredService<ExamGrains>().Exam(id);

        Assert.Equal(expected.GrainId, actual.GrainId);
        Assert.Equal(expected.InterfaceType, actual.InterfaceType);
    }
}
