namespace MockExams.Tests;

public sealed class BuildSmokeTests
{
    [Fact]
    public void GrainInterfaces_AreLoadable() =>
        Assert.Equal("MockExams.Exams", typeof(MockExams.Exams.IMockExamGrain).Namespace);
}
