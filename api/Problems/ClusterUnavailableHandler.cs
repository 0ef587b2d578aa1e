using Microsoft.AspNetCore.Diagnostics;
using Orleans.Runtime.Messaging;

namespace MockExams.Api.Problems;

/// <summary>
/// No silo reachable: a 503 the client may retry, instead of a bare 500. <see cref="ConnectionFailedException"/> is the
/// cluster client failing to open a connection to any gateway (every silo restarting, or the gateway list gone with a
/// Redis that lost its data): the call was never sent, so a retry cannot repeat it.
/// </summary>
public sealed class ClusterUnavailableHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not (SiloUnavailableException or OrleansMessageRejectionException or ConnectionFailedException))
        {
            return false;
        }

        return await RetryLater.WriteAsync(problems, httpContext, exception, RetryLater.Shortly, "The booking cluster is unavailable", "Retry shortly.");
    }
}
