using Microsoft.Extensions.Options;
using MockExams.Grains.Cache;

namespace MockExams.Tests.Grains.Cache;

/// <summary>The Redis circuit: opens after consecutive failures, lets one probe through after the break, closes on success.</summary>
public sealed class CacheCircuitTests
{
    private readonly ManualTime _time = new();
    private readonly CacheCircuit _circuit;

    public CacheCircuitTests() =>
        _circuit = new CacheCircuit(Options.Create(new CacheOptions { CircuitBreakAfterFailures = 3, CircuitBreakSeconds = 10 }), _time);

    [Fact]
    public void Failed_FewerTimesThanTheThreshold_StaysClosed()
    {
        Assert.False(_circuit.Failed());
        Assert.False(_circuit.Failed());
        _circuit.Succeeded();
        Assert.False(_circuit.Failed());
        Assert.False(_circuit.Failed());

        Assert.True(_circuit.AllowsAttempt());
        Assert.False(_circuit.IsOpen);
    }

    [Fact]
    public void Failed_ThresholdTimesInARow_RefusesAttemptsForTheBreak()
    {
        _circuit.Failed();
        _circuit.Failed();

        Assert.True(_circuit.Failed());
        Assert.False(_circuit.AllowsAttempt());
        _time.Advance(TimeSpan.FromSeconds(9.9));
        Assert.False(_circuit.AllowsAttempt());
    }

    [Fact]
    public void AfterTheBreak_OneProbeAtATime_SuccessCloses()
    {
        Open();
        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.True(_circuit.AllowsAttempt());
        Assert.False(_circuit.AllowsAttempt());
        Assert.True(_circuit.Succeeded());
        Assert.True(_circuit.AllowsAttempt());
        Assert.False(_circuit.IsOpen);
    }

    [Fact]
    public void AfterTheBreak_FailedProbe_OpensForAnotherBreak()
    {
        Open();
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.True(_circuit.AllowsAttempt());

        Assert.True(_circuit.Failed());

        Assert.False(_circuit.AllowsAttempt());
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.True(_circuit.AllowsAttempt());
    }

    private void Open()
    {
        for (var i = 0; i < 3; i++)
        {
            _circuit.Failed();
        }
    }

    private sealed class ManualTime : TimeProvider
    {
        private long _ticks = 1_000;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
