namespace MockExams.Cli.Budget;

/// <summary>The benchmark could not run: no sandbox at the URL, or a worker process failed to start or report.</summary>
public sealed class BudgetBenchException(string message) : Exception(message);
