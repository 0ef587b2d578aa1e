using Microsoft.AspNetCore.Diagnostics;
using MockExams.Replica;
using Npgsql;
using Orleans.Serialization;

namespace MockExams.Api.Problems;

/// <summary>
/// HubSpot or the replica failed under a request (force sync, exam creation, a batch): problem details the client
/// can act on instead of a bare 500. HubSpot out of reach, out of budget or busy is a 503; HubSpot answering
/// something we cannot use is a 502; the replica out of reach is a 503. Each carries Retry-After.
/// The HubSpot client's exceptions live in the silo's assembly, which the api does not load, so they arrive as
/// Orleans' stand-in that keeps the original type name.
/// </summary>
public sealed class DependencyFailureHandler(IProblemDetailsService problems) : IExceptionHandler
{
    private const string HubSpotNamespace = "MockExams.Grains.HubSpot.";
    private const string HubSpotFailurePrefix = "HubSpot: ";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title) = Classify(exception);
        if (status == 0)
        {
            return false;
        }

        return await RetryLater.WriteAsync(problems, httpContext, exception, RetryLater.Shortly, title,
            "Nothing was lost: retry shortly (with the same Idempotency-Key, if the request had one).", status,
            status == StatusCodes.Status502BadGateway ? "upstream_error" : RetryLater.Reason);
    }

    // The first exception of the chain (inner ones included) that names a HubSpot or replica failure.
    private static (int Status, string Title) Classify(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (ClassifyOne(current) is { Status: > 0 } found)
            {
                return found;
            }
        }

        return (0, "");
    }

    private static (int Status, string Title) ClassifyOne(Exception exception)
    {
        // Orleans' stand-in names the type as it was sent (possibly assembly-qualified), and a type it has no codec for
        // (a grain throwing HubSpot's exception straight through) arrives as CodecNotFoundException naming it.
        var typeName = exception switch
        {
            UnavailableExceptionFallbackException fallback => fallback.ExceptionType,
            CodecNotFoundException missing => missing.Message,
            _ => exception.GetType().FullName,
        };
        if (typeName?.Contains(HubSpotNamespace, StringComparison.Ordinal) == true)
        {
            return new[] { "HubSpotTransientException", "HubSpotOverBudgetException", "HubSpotRateLimitedException", "HubSpotLockedException" }
                .Any(name => typeName.Contains(HubSpotNamespace + name, StringComparison.Ordinal))
                ? (StatusCodes.Status503ServiceUnavailable, "HubSpot is unavailable")
                : (StatusCodes.Status502BadGateway, "HubSpot answered unexpectedly");
        }

        // The exam grain answers its callers a HubSpot failure as InvalidOperationException("HubSpot: ...")
        // (grains/Exams/MockExamGrain.Queue.cs, RunGuardedAsync), the api not loading HubSpot's types.
        // TODO(issue 17): a typed exception in grain-interfaces instead of this message prefix.
        if (exception is InvalidOperationException && exception.Message.StartsWith(HubSpotFailurePrefix, StringComparison.Ordinal))
        {
            return (StatusCodes.Status502BadGateway, "HubSpot answered unexpectedly");
        }

        // What a Redis failure under a grain call arrives as (grains/Edge/DependencyFailureFilter.cs); the replica's
        // counterpart, ReplicaUnavailableException, is answered by api/Exams/ReplicaUnavailableHandler.cs.
        if (exception is DependencyUnavailableException)
        {
            return (StatusCodes.Status503ServiceUnavailable, "A backing service is unavailable");
        }

        return exception is NpgsqlException || typeName?.Contains("Npgsql.", StringComparison.Ordinal) == true
            ? (StatusCodes.Status503ServiceUnavailable, "The replica database is unavailable")
            : (0, "");
    }
}
