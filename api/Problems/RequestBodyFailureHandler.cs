using Microsoft.AspNetCore.Diagnostics;

namespace MockExams.Api.Problems;

/// <summary>
/// A request body the server could not read to its end: cut short (fewer bytes than its Content-Length, a chunked
/// body ending mid-way), or arriving too slowly (Kestrel's minimum data rate). Model binding answers these itself;
/// an endpoint that reads its body by hand (the webhook receiver) let Kestrel's exception escape as a logged 500.
/// Answered with the exception's own status (400, 408 for a body too slow, 413 too large) as problem details; a client
/// that is gone gets nothing, its connection is closed.
/// </summary>
public sealed class RequestBodyFailureHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        if (httpContext.RequestAborted.IsCancellationRequested)
        {
            httpContext.Abort();
            return true;
        }

        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Title = "The request body could not be read",
                Detail = bad.Message,
            },
        });
    }
}
