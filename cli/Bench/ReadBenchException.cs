namespace MockExams.Cli.Bench;

/// <summary>The benchmark cannot run as configured (no exam, no benchmark endpoints, a failed first read).</summary>
public sealed class ReadBenchException(string message) : Exception(message);
