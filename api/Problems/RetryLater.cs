using System.Globalization;

namespace MockExams.Api.Problems;

/// <summary>The one shape of every "retry shortly" answer: 503, Retry-After and problem details.</summary>
public static class RetryLater
{
    public static ValueTask<bool> WriteAsync(
        IProblemDetailsService problems, HttpContext httpContext, Exception exception, int retryAfterSeconds,
        string title, string detail, string? reason = null)
    {
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        var context = new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = StatusCodes.Status503ServiceUnavailable, Title = title, Detail = detail },
        };
        if (reason is not null)
        {
            context.ProblemDetails.Extensions["reason"] = reason;
        }

        return problems.TryWriteAsync(context);
    }
}
