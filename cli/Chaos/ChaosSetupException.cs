namespace MockExams.Cli.Chaos;

/// <summary>The chaos run could not start its cluster (e.g. Postgres unreachable): told in one line, exit code 3.</summary>
public sealed class ChaosSetupException(string message, Exception inner) : Exception(message, inner);
