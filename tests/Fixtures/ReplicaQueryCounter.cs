using System.Diagnostics.Metrics;
using MockExams.Grains.Replica;

namespace MockExams.Tests.Fixtures;

/// <summary>
/// Counts replica queries as the silos report them (<see cref="ReplicaMetrics"/>), in this process, from creation
/// until disposal. The cluster tests run one at a time, so the count is theirs.
/// </summary>
public sealed class ReplicaQueryCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _count;

    public ReplicaQueryCounter(string? query = null)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ReplicaMetrics.MeterName && instrument.Name == ReplicaMetrics.QueriesInstrument)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            if (query is null || HasQueryTag(tags, query))
            {
                Interlocked.Add(ref _count, value);
            }
        });
        _listener.Start();
    }

    public long Count => Interlocked.Read(ref _count);

    private static bool HasQueryTag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string query)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "query" && Equals(tag.Value, query))
            {
                return true;
            }
        }

        return false;
    }

    public void Dispose() => _listener.Dispose();
}
