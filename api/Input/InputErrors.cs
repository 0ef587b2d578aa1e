using Microsoft.AspNetCore.Http.HttpResults;

namespace MockExams.Api.Input;

/// <summary>
/// The api's one way of refusing input. Each input checks itself into an instance (a body's record in its
/// <c>Validate</c>, a query's parameters while they are parsed, the text checks of <see cref="TextInputMiddleware"/>
/// and <see cref="BodyTextFilter"/>), naming each bad field as the client sent it (<c>mock_exam_name</c>,
/// <c>startDate</c>, <c>booking_ids[1]</c>, <c>Idempotency-Key</c>); the endpoint answers all of them in one 400
/// RFC 9457 validation problem. The first problem found for a field is the one named.
/// </summary>
public sealed class InputErrors
{
    /// <summary>The longest text a body field may hold (HubSpot's single-line text, and the replica's columns).</summary>
    public const int MaxTextLength = 255;

    public const string InvalidQuery = "Invalid query parameters";
    public const string InvalidBody = "Invalid request";

    // Created on the first error, so a good request (the hot path) allocates no dictionary.
    private Dictionary<string, string[]>? _errors;

    public bool Any => _errors is not null;

    public void Add(string field, string message) =>
        (_errors ??= new Dictionary<string, string[]>(StringComparer.Ordinal)).TryAdd(field, [message]);

    /// <summary>A required text field: present, not blank, at most <see cref="MaxTextLength"/> characters. True when it is.</summary>
    public bool RequireText(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "Required.");
            return false;
        }

        if (value.Length > MaxTextLength)
        {
            Add(field, $"At most {MaxTextLength} characters.");
            return false;
        }

        return true;
    }

    /// <summary>
    /// A required list of ids (<paramref name="noun"/>: "booking", "exam"): one to <paramref name="max"/>, none blank,
    /// none twice. Ids are trimmed before use (as every text field is), so "X" and "X " are the same id asked twice.
    /// </summary>
    public void RequireIds(string field, IReadOnlyList<string?>? ids, int max, string noun)
    {
        if (ids is null or [])
        {
            Add(field, $"Required: one {noun} id or more.");
        }
        else if (ids.Count > max)
        {
            Add(field, $"At most {max} {noun}s per request.");
        }
        else if (ids.Any(string.IsNullOrWhiteSpace))
        {
            Add(field, $"{char.ToUpperInvariant(noun[0])}{noun[1..]} ids cannot be empty.");
        }
        else if (ids.Select(id => id!.Trim()).Distinct(StringComparer.Ordinal).Count() != ids.Count)
        {
            Add(field, $"A {noun} id appears twice (ids are compared after trimming spaces).");
        }
    }

    public ValidationProblem ToProblem(string title, string? detail = null) =>
        TypedResults.ValidationProblem(Errors, detail ?? Detail, title: title);

    /// <summary>For middleware, which writes through <see cref="IProblemDetailsService"/> rather than returning a result.</summary>
    public HttpValidationProblemDetails ToProblemDetails(string title) =>
        new(Errors) { Status = StatusCodes.Status400BadRequest, Title = title, Detail = Detail };

    private Dictionary<string, string[]> Errors => _errors ?? throw new InvalidOperationException("No input was bad.");

    private string Detail => string.Join(" ", Errors.Select(error => $"'{error.Key}': {error.Value[0]}"));
}
