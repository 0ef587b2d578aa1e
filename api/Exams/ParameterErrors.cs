using Microsoft.AspNetCore.Http.HttpResults;

namespace MockExams.Api.Exams;

/// <summary>
/// Bad query parameters of one request, collected so a single 400 names every one of them
/// (RFC 9457 validation problem: <c>errors</c> keyed by the parameter's name as sent).
/// </summary>
public sealed class ParameterErrors
{
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string parameter, string message) => _errors[parameter] = [message];

    public ValidationProblem ToProblem() => TypedResults.ValidationProblem(
        _errors,
        title: "Invalid query parameters",
        detail: string.Join(" ", _errors.Select(error => $"'{error.Key}': {error.Value[0]}")));
}
