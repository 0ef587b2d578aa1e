namespace MockExams.Sandbox.Objects;

/// <summary>BatchResponse…(WithErrors): status COMPLETE, results, and on a 207 numErrors and errors.</summary>
public sealed record BatchView<T>(
    string Status,
    IReadOnlyList<T> Results,
    int? NumErrors,
    IReadOnlyList<BatchErrorView>? Errors,
    string StartedAt,
    string CompletedAt);
