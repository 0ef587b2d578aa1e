namespace MockExams.Sandbox.Http;

/// <summary>Writes a <see cref="CrmError"/> as HubSpot's error body.</summary>
public sealed class ErrorResult(CrmError error) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = error.Status;
        return httpContext.Response.WriteAsJsonAsync(ToBody(error, CorrelationId.Of(httpContext)), SandboxJson.Options);
    }

    public static ErrorBody ToBody(CrmError error, string correlationId) =>
        new("error", error.Message, correlationId, error.Category, error.SubCategory, error.Errors, error.Context);
}
