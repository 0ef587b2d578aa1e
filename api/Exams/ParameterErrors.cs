using Microsoft.AspNetCore.Http.HttpResults;

namespace MockExams.Api.Exams;

/// <summary>
/// Bad query parameters of one request, collected so a single 400 names every one of them
/// (RFC 9457 validation problem: <c>errors</c> keyed by the parameter's name as sent).
/// </summary>
public sealed class ParameterErrors
{
    // Created on the first error, so a good request (the hot path) allocates no dictionary.
    private Dictionary<string, string[]>? _errors;

    public bool Any => _errors is not null;

    public void Add(string parameter, string message) =>
        (_errors ??= new Dictionary<string, string[]>(StringComparer.Ordinal))[parameter] = [message];

    public ValidationProblem ToProblem()
    {
        var errors = _errors ?? throw new InvalidOperationException("No parameter was bad.");
        return TypedResults.ValidationProblem(
            errors,
            title: "Invalid query parameters",
            detail: string.Join(" ", errors.Select(error => $"'{error.Key}': {error.Value[0]}")));
    }
}
