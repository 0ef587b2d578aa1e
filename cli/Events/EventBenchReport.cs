namespace MockExams.Cli.Events;

/// <summary>
/// What a realtime-events benchmark measured. Latency: for each subscriber and each seat count an exam reached, the
/// time from the moment the client read the api's answer to the booking that made that count to the moment the
/// subscriber received an event showing it (negative when the event beat the answer). API CPU is the whole api
/// process's from just before the storm to the end of the final wait: the bookings' work is in it too (run with
/// <c>--subscribers 0</c> for that alone).
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
