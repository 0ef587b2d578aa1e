using System.Text.Unicode;

namespace MockExams.Api.Input;

/// <summary>
/// Checks the text of every routed request before its endpoint runs: each query parameter (raw, so escapes that are
/// not UTF-8 are caught), each route value and the headers the api reads. A bad one gets a 400 validation problem
/// naming it; the endpoint (and so HubSpot, the grains and the replica) is never reached. A JSON body must be UTF-8 as a
/// whole (member names included); its strings are checked by <see cref="BodyTextFilter"/> with the same rule.
/// </summary>
public sealed class TextInputMiddleware(RequestDelegate next, IProblemDetailsService problems)
{
    /// <summary>Request headers an endpoint reads as text.</summary>
    public static readonly string[] CheckedHeaders = ["Idempotency-Key"];

    public async Task InvokeAsync(HttpContext context)
    {
        var errors = Check(context);
        if (errors is null)
        {
            switch (await JsonBodyIsUtf8Async(context.Request))
            {
                case null:
                    context.Abort();   // the client went away mid-body: nobody to answer
                    return;
                case false:
                    // System.Text.Json checks the strings it binds, not the names of members it skips: bytes that are
                    // not UTF-8 anywhere in a JSON body are refused here, whole.
                    (errors = new InputErrors()).Add("body", "Must be UTF-8 text.");
                    break;
            }
        }

        if (errors is null)
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = errors.ToProblemDetails(BodyTextFilter.Title),
        });
    }

    /// <summary>Whether a JSON body is UTF-8 (true without one); null when the client went away while sending it.</summary>
    private static async Task<bool?> JsonBodyIsUtf8Async(HttpRequest request)
    {
        if (request.ContentLength == 0 || !request.HasJsonContentType())
        {
            return true;
        }

        // Buffered and rewound, so the endpoint binds the same bytes. A body Kestrel refuses (cut short, too slow, too
        // large) throws BadHttpRequestException to its exception handler (api/Problems/RequestBodyFailureHandler).
        request.EnableBuffering();
        using var copy = new MemoryStream();
        try
        {
            await request.Body.CopyToAsync(copy, request.HttpContext.RequestAborted);
        }
        catch (Exception ex) when (ex is IOException and not BadHttpRequestException
                                   || ex is OperationCanceledException && request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            return null;
        }

        request.Body.Position = 0;
        return Utf8.IsValid(copy.GetBuffer().AsSpan(0, (int)copy.Length));
    }

    private static InputErrors? Check(HttpContext context)
    {
        InputErrors? errors = null;
        void Add(string field, string message) => (errors ??= new InputErrors()).Add(field, message);

        CheckQuery(context.Request.QueryString.Value, Add);
        foreach (var (name, value) in context.Request.RouteValues)
        {
            if (value is string text && RouteValueProblem(text) is { } problem)
            {
                Add(name, problem);
            }
        }

        foreach (var header in CheckedHeaders)
        {
            if (context.Request.Headers.TryGetValue(header, out var values))
            {
                foreach (var value in values)
                {
                    if (value is not null && TextInputCheck.Problem(value) is { } problem)
                    {
                        Add(header, problem);
                    }
                }
            }
        }

        return errors;
    }

    // Route values arrive decoded, except escapes that are not UTF-8, which the server leaves as they came. An id is
    // matched exactly, so " 123" would name another grain than "123": blank or padded values are refused too.
    private static string? RouteValueProblem(string value) =>
        TextInputCheck.Problem(value)
        ?? (value.Length == 0 || char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1])
            ? "Must not be blank, nor start or end with whitespace."
            : null)
        ?? (value.Contains('%') && TextInputCheck.DecodeQueryComponent(value.Replace("+", "%2B", StringComparison.Ordinal)) is null
            ? "Must be UTF-8 text (an escape does not decode)."
            : null);

    private static void CheckQuery(string? query, Action<string, string> add)
    {
        if (string.IsNullOrEmpty(query))
        {
            return;
        }

        foreach (var pair in query.AsSpan(query[0] == '?' ? 1 : 0).Split('&'))
        {
            var raw = query.AsSpan(query[0] == '?' ? 1 : 0)[pair];
            var equals = raw.IndexOf('=');
            var rawName = equals < 0 ? raw : raw[..equals];
            var name = TextInputCheck.DecodeQueryComponent(rawName);
            var value = equals < 0 ? "" : TextInputCheck.DecodeQueryComponent(raw[(equals + 1)..]);
            var field = name ?? Uri.UnescapeDataString(rawName.ToString());
            if (name is null || value is null)
            {
                add(field, "Must be UTF-8 text (an escape does not decode).");
            }
            else if ((TextInputCheck.Problem(name) ?? TextInputCheck.Problem(value)) is { } problem)
            {
                add(field, problem);
            }
        }
    }
}
