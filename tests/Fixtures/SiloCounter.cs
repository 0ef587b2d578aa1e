using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using MockExams.Grains.Cache;
using MockExams.Grains.HubSpot;
using MockExams.Grains.Replica;

namespace MockExams.Tests.Fixtures;

/// <summary>
/// Counts one of our counters (with one tag value, or all), as reported by the given silos only (their own meter factories),
/// from creation until disposal: other clusters running in this process at the same time (other test collections)
/// report to meters of the same name and are left out.
/// </summary>
internal sealed class SiloCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _count;

    private SiloCounter(IEnumerable<IServiceProvider> silos, string meter, string instrument, string? tag = null, string? value = null)
    {
        var factories = silos.Select(silo => silo.GetRequiredService<IMeterFactory>()).ToHashSet();
        _listener.InstrumentPublished = (published, listener) =>
        {
            if (published.Meter.Name == meter && published.Name == instrument
                && published.Meter.Scope is IMeterFactory factory && factories.Contains(factory))
            {
                listener.EnableMeasurementEvents(published);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, measured, tags, _) =>
        {
            if (tag is null)
            {
                Interlocked.Add(ref _count, measured);
                return;
            }

            foreach (var measuredTag in tags)
            {
                if (measuredTag.Key == tag && Equals(measuredTag.Value, value))
                {
                    Interlocked.Add(ref _count, measured);
                }
            }
        });
        _listener.Start();
    }

    public long Count => Interlocked.Read(ref _count);

    /// <summary>Replica queries by name (<see cref="ReplicaMetrics"/>: exam, bookings, exam-list, exam-aggregates).</summary>
    public static SiloCounter ReplicaQueries(IEnumerable<IServiceProvider> silos, string query) =>
        new(silos, ReplicaMetrics.MeterName, ReplicaMetrics.QueriesInstrument, "query", query);

    /// <summary>Cache lookups by result (<see cref="CacheMetrics"/>: memory, hit, miss, unavailable, bypassed).</summary>
    public static SiloCounter CacheLookups(IEnumerable<IServiceProvider> silos, string result) =>
        new(silos, CacheMetrics.MeterName, CacheMetrics.LookupsInstrument, "result", result);

    /// <summary>HubSpot calls the budget governor let through, each about to be sent.</summary>
    public static SiloCounter HubSpotCallsStarted(IEnumerable<IServiceProvider> silos) =>
        new(silos, HubSpotMetrics.MeterName, "mockexams.hubspot.budget.granted");

    public void Dispose() => _listener.Dispose();
}
