using Microsoft.AspNetCore.Diagnostics;
using MockExams.Api.Problems;
using MockExams.Replica;

namespace MockExams.Api.Exams;

/// <summary>
/// A read the cache did not hold while the replica is down: 503 with Retry-After, so clients back off and retry,
/// instead of a 500. Reads the cache does hold keep answering meanwhile.
/// </summary>
public sealed class ReplicaUnavailableHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not ReplicaUnavailableException)
        {
            return false;
        }

        return await RetryLater.WriteAsync(problems, httpContext, exception, RetryLater.Shortly, "The replica database is unavailable",
            "This response is not cached and the database does not answer. Retry shortly.");
    }
}
