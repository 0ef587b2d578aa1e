using Microsoft.AspNetCore.Diagnostics;
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
    public const int RetryAfterSeconds = 5;

    private const string HubSpotNamespace = "MockExams.Grains.HubSpot.";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title) = Classify(exception);
        if (status == 0)
        {
            return false;
        }

        httpContext.Response.StatusCode = status;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = status,
                Title = title,
                Detail = "Nothing was lost: retry shortly (with the same Idempotency-Key, if the request had one).",
                Extensions = { ["reason"] = status == StatusCodes.Status502BadGateway ? "upstream_error" : "retry_later" },
            },
        });
    }

    private static (int Status, string Title) Classify(Exception exception)
    {
        var typeName = exception is UnavailableExceptionFallbackException fallback ? fallback.ExceptionType : exception.GetType().FullName;
        if (typeName?.StartsWith(HubSpotNamespace, StringComparison.Ordinal) == true)
        {
            return typeName switch
            {
                HubSpotNamespace + "HubSpotTransientException" or HubSpotNamespace + "HubSpotOverBudgetException"
                    or HubSpotNamespace + "HubSpotRateLimitedException" or HubSpotNamespace + "HubSpotLockedException"
                    => (StatusCodes.Status503ServiceUnavailable, "HubSpot is unavailable"),
                _ => (StatusCodes.Status502BadGateway, "HubSpot answered unexpectedly"),
            };
        }

        return exception is NpgsqlException || typeName?.StartsWith("Npgsql.", StringComparison.Ordinal) == true
            ? (StatusCodes.Status503ServiceUnavailable, "The replica database is unavailable")
            : (0, "");
    }
}
