namespace MockExams.Sandbox.Search;

/// <summary>Keys from <see cref="Low"/> to <see cref="High"/>, both included; empty when Low &gt; High.</summary>
public readonly record struct KeyRange(long Low, long High);
