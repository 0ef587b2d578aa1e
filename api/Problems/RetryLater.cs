using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MockExams.Api.Problems;

/// <summary>
/// The one "retry later" answer, from an endpoint (<see cref="Result"/>) or an exception handler
/// (<see cref="WriteAsync"/>): 503 (502 when HubSpot answered something unusable), <c>Retry-After</c> in whole seconds
/// (at least 1), and problem details carrying <c>reason</c> and <c>retry_after_seconds</c>. The wait comes from the
/// caller: the cause's own estimate when it has one (the HubSpot budget's, a setting), else <see cref="Shortly"/>.
/// </summary>
public static class RetryLater
{
    /// <summary>The wait when the cause names none: the replica, HubSpot or the cluster out of reach, a call that timed out.</summary>
    public static readonly TimeSpan Shortly = TimeSpan.FromSeconds(5);

    /// <summary>The <c>reason</c> of every retry-later answer but a 502's.</summary>
    public const string Reason = "retry_later";

    /// <summary>A 503 for an endpoint to return.</summary>
    public static ProblemHttpResult Result(HttpContext http, TimeSpan after, string title, string? detail) =>
        TypedResults.Problem(Problem(http, StatusCodes.Status503ServiceUnavailable, after, title, detail, Reason));

    /// <summary>Writes the answer for an exception handler (<c>IExceptionHandler</c>); true when written.</summary>
    public static ValueTask<bool> WriteAsync(
        IProblemDetailsService problems, HttpContext http, Exception exception, TimeSpan after, string title, string detail,
        int status = StatusCodes.Status503ServiceUnavailable, string reason = Reason) =>
        problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = Problem(http, status, after, title, detail, reason),
        });

    /// <summary>Whole seconds, rounded up, at least 1: what <c>Retry-After</c> carries for <paramref name="after"/>.</summary>
    private static int Seconds(TimeSpan after) => Math.Max(1, (int)Math.Ceiling(after.TotalSeconds));

    private static ProblemDetails Problem(HttpContext http, int status, TimeSpan after, string title, string? detail, string reason)
    {
        var seconds = Seconds(after);
        http.Response.StatusCode = status;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return new ProblemDetails
        {
            Status = status,
            Title = title,
            Detail = detail,
            Extensions = { ["reason"] = reason, ["retry_after_seconds"] = seconds },
        };
    }
}
