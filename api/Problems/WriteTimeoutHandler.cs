using Microsoft.AspNetCore.Diagnostics;

namespace MockExams.Api.Problems;

/// <summary>
/// A grain call that outlived Orleans' response timeout: the write may still complete, so the answer is a 503 to retry
/// (with the same Idempotency-Key to get the first answer), never a bare 500.
/// </summary>
public sealed class WriteTimeoutHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not TimeoutException)
        {
            return false;
        }

        return await RetryLater.WriteAsync(problems, httpContext, exception, RetryLater.Shortly, "Try again shortly",
            "The request took too long and may still complete; retry with the same Idempotency-Key to get its answer.");
    }
}
