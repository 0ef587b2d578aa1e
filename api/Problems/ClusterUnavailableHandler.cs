using Microsoft.AspNetCore.Diagnostics;

namespace MockExams.Api.Problems;

/// <summary>No silo reachable: a 503 the client may retry, instead of a bare 500.</summary>
public sealed class ClusterUnavailableHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not (SiloUnavailableException or OrleansMessageRejectionException))
        {
            return false;
        }

        return await RetryLater.WriteAsync(problems, httpContext, exception, RetryLater.Shortly, "The booking cluster is unavailable", "Retry shortly.");
    }
}
