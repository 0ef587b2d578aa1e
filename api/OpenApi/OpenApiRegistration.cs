namespace MockExams.Api.OpenApi;

public static class OpenApiRegistration
{
    /// <summary>
    /// The OpenAPI document (<c>/openapi/v1.json</c>, and <c>api/openapi/MockExams.Api.json</c> at build time):
    /// introduction, bearer scheme, per-operation words and problem answers (<see cref="OperationCatalog"/>), examples.
    /// </summary>
    public static IHostApplicationBuilder AddMockExamsOpenApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer<DocumentIntroduction>();
            options.AddDocumentTransformer<BearerSecurity>();
            options.AddOperationTransformer<BearerSecurity>();
            options.AddOperationTransformer<ProblemResponses>();
            options.AddSchemaTransformer<SchemaExamples>();
        });
        return builder;
    }
}
