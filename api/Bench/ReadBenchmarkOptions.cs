namespace MockExams.Api.Bench;

/// <summary>
/// Benchmark mode of the api. Section "Api"; env <c>Api__BenchmarkEndpoints</c> (default false). When on, the api
/// also serves <c>/__bench/static</c>, the baseline <c>mockexams readbench</c> compares cached reads with.
/// </summary>
public sealed class ReadBenchmarkOptions
{
    public const string SectionName = "Api";

    public bool BenchmarkEndpoints { get; set; }
}
