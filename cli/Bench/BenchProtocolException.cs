namespace MockExams.Cli.Bench;

/// <summary>An answer <see cref="BenchConnection"/> cannot read (not HTTP/1.1, no Content-Length, cut short): one error.</summary>
public sealed class BenchProtocolException(string message) : Exception(message);
