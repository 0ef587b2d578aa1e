namespace MockExams.Api.Bench;

/// <summary>The bytes <c>GET /__bench/static</c> answers: whatever the benchmark last PUT (benchmark mode only).</summary>
public sealed class StaticBenchmarkBody
{
    private byte[] _body = [];

    public byte[] Body
    {
        get => Volatile.Read(ref _body);
        set => Volatile.Write(ref _body, value);
    }
}
