namespace MockExams.Cli.Events;

/// <summary>
/// What a realtime-events benchmark measured. Latency: for each subscriber and each seat count an exam reached, the
/// time from the moment the client read the api's answer to the booking that made that count to the moment the
/// subscriber received an event showing it (negative when the event beat the answer).
/// </summary>
public sealed record EventBenchReport
{
    public int Subscribers { get; init; }
    public int SubscribersConnected { get; init; }
    public int Refused503 { get; init; }
    public int Exams { get; init; }
    public int BookingsAnswered201 { get; init; }
    public int BookingsOther { get; init; }
    public double StormSeconds { get; init; }
    public long EventsReceived { get; init; }
    public long LatencySamples { get; init; }
    public double P50Ms { get; init; }
    public double P99Ms { get; init; }
    public double MaxMs { get; init; }
    public int SawFinalCounts { get; init; }
    public double? ApiCpuSeconds { get; init; }
    public double? ApiCpuMicrosecondsPerEvent { get; init; }
    public IReadOnlyList<string> Violations { get; init; } = [];
}
