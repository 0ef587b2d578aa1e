using System.Diagnostics.Metrics;
using MockExams.Grains.Cache;

namespace MockExams.Tests.Reads.Fixtures;

/// <summary>
/// Counts the read path's cache lookups with one result (<see cref="CacheMetrics"/>: memory, hit, miss,
/// unavailable, bypassed), as the silos in this process report them, from creation until disposal.
/// </summary>
internal sealed class CacheLookupCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _count;

    public CacheLookupCounter(string result)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == CacheMetrics.MeterName && instrument.Name == CacheMetrics.LookupsInstrument)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "result" && Equals(tag.Value, result))
                {
                    Interlocked.Add(ref _count, value);
                }
            }
        });
        _listener.Start();
    }

    public long Count => Interlocked.Read(ref _count);

    public void Dispose() => _listener.Dispose();
}
