namespace MockExams.Cli.Bench;

/// <summary>What <c>mockexams readbench</c> measures and against what.</summary>
public sealed record ReadBenchSettings(
    Uri Api,
    string Token,
    string? ExamId,
    string? ReplicaConnectionString,
    Uri? Sandbox,
    int Connections,
    TimeSpan Duration,
    TimeSpan Warmup,
    IReadOnlyList<double> PacedRates,
    string? JsonPath);
