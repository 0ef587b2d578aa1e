namespace MockExams.Api.Exams;

public static class ExamEndpoints
{
    /// <summary>The <c>/api/mock-exams</c> area: its reads (ExamReadEndpoints.cs).</summary>
    public static RouteGroupBuilder MapMockExams(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/mock-exams").WithTags("Mock exams");
        group.MapExamReads();
        return group;
    }
}
